using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Moods;
using HappyTogether.Model.History;

namespace HappyTogether.Pages.WeekPage;

/// <summary>A week page as it is answered: an HTTP status and the HTML.</summary>
public sealed record WeekPageResponse(int Status, string Html);

/// <summary>Opens the week page a recap's link names: the couple, and range queries over that week's answers and the
/// texts sent (what was revealed).</summary>
public sealed class WeekPages(LinkedPages pages, Answers answers, HistoryStore history, MoodLexicon lexicon)
{
    public Task<WeekPageResponse> OpenAsync(string? token, CancellationToken ct = default) =>
        pages.OpenAsync(token, LinkPurpose.Week, async (couple, claims) =>
        {
            var from = claims.Date.AddDays(1 - WeekView.Length);
            var week = await answers.ReadAnswersAsync(couple.Id, from, claims.Date, ct);
            var shared = new SharedTexts(await history.ReadOutboundAsync(couple.Id, from, claims.Date, ct), claims.Partner);
            return new(200, WeekPageHtml.Render(WeekView.From(couple, claims.Partner, claims.Date, week, shared, lexicon)));
        }, ct);
}
