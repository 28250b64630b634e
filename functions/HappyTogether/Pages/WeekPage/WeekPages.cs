using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Moods;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;

namespace HappyTogether.Pages.WeekPage;

/// <summary>A week page as it is answered: an HTTP status and the HTML.</summary>
public sealed record WeekPageResponse(int Status, string Html);

/// <summary>Opens the week page a recap's link names: the couple, and range queries over that week's answers and the
/// texts sent (what was revealed).</summary>
public sealed class WeekPages(SignedLinks links, CoupleStore couples, Answers answers, HistoryStore history, MoodLexicon lexicon)
{
    private static readonly WeekPageResponse NotFound = new(404, WeekPageHtml.NotFound);

    public async Task<WeekPageResponse> OpenAsync(string? token, CancellationToken ct = default)
    {
        if (!links.TryRead(token, LinkPurpose.Week, out var claims))
            return links.IsExpired(token, LinkPurpose.Week) ? new(410, WeekPageHtml.Expired) : NotFound;
        // Gone, being erased, or the viewer said STOP: the same page as a forged link, so it tells nothing.
        var couple = await couples.GetAsync(claims.CoupleId, ct);
        if (couple is not { ErasingSinceUtc: null } || couple[claims.Partner].Consent == ConsentState.OptedOut) return NotFound;
        var from = claims.Date.AddDays(1 - WeekView.Length);
        var week = await answers.ReadAnswersAsync(couple.Id, from, claims.Date, ct);
        var shared = new SharedTexts(await history.ReadOutboundAsync(couple.Id, from, claims.Date, ct), claims.Partner);
        return new(200, WeekPageHtml.Render(WeekView.From(couple, claims.Partner, claims.Date, week, shared, lexicon)));
    }
}
