using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;

namespace HappyTogether.Pages.WeekPage;

/// <summary>
/// The one rule for every page behind a texted link (the week page, the night page): a link that is not genuine gets
/// 404, an expired one 410, and a couple gone, being erased, or whose viewer said STOP the same 404 as a forged link,
/// so it tells nothing; otherwise the page is rendered for the link's couple and claims.
/// </summary>
public sealed class LinkedPages(SignedLinks links, CoupleStore couples)
{
    private static readonly WeekPageResponse NotFound = new(404, WeekPageHtml.NotFound);

    public async Task<WeekPageResponse> OpenAsync(
        string? token, LinkPurpose purpose, Func<Couple, LinkClaims, Task<WeekPageResponse>> render,
        CancellationToken ct = default)
    {
        if (!links.TryRead(token, purpose, out var claims))
            return links.IsExpired(token, purpose) ? new(410, WeekPageHtml.Expired) : NotFound;
        var couple = await couples.GetAsync(claims.CoupleId, ct);
        if (couple is not { ErasingSinceUtc: null } || couple[claims.Partner].Consent == ConsentState.OptedOut) return NotFound;
        // The page in its viewer's language.
        using var language = Languages.Use(couple[claims.Partner].Language);
        return await render(couple, claims);
    }
}
