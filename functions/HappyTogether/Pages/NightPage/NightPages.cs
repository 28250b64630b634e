using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Links;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Pages.WeekPage;

namespace HappyTogether.Pages.NightPage;

/// <summary>
/// Opens the night page a long reveal links to: the couple, and range queries over that night's answers and the texts
/// sent (what was revealed). A link that is not genuine, has expired, or whose couple is gone or being erased, or whose
/// viewer said STOP, gets exactly the week page's answer.
/// </summary>
public sealed class NightPages(SignedLinks links, CoupleStore couples, Answers answers, HistoryStore history, PromptCatalog prompts)
{
    private static readonly WeekPageResponse NotFound = new(404, WeekPageHtml.NotFound);

    public async Task<WeekPageResponse> OpenAsync(string? token, CancellationToken ct = default)
    {
        if (!links.TryRead(token, LinkPurpose.Night, out var claims))
            return links.IsExpired(token, LinkPurpose.Night) ? new(410, WeekPageHtml.Expired) : NotFound;
        var couple = await couples.GetAsync(claims.CoupleId, ct);
        if (couple is not { ErasingSinceUtc: null } || couple[claims.Partner].Consent == ConsentState.OptedOut) return NotFound;
        var night = claims.Date;
        var texts = await answers.ReadAnswersAsync(couple.Id, night, night, ct);
        var shared = new SharedTexts(await history.ReadOutboundAsync(couple.Id, night, night, ct), claims.Partner);
        return new(200, NightPageHtml.Render(NightView.From(couple, claims.Partner, night, texts, shared, prompts)));
    }
}
