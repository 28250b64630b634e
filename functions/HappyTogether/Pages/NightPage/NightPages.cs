using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Links;
using HappyTogether.Model.History;
using HappyTogether.Pages.WeekPage;

namespace HappyTogether.Pages.NightPage;

/// <summary>
/// Opens the night page a long reveal links to: the couple, and range queries over that night's answers and the texts
/// sent (what was revealed). A link that is not genuine, has expired, or whose couple is gone or being erased, or whose
/// viewer said STOP, gets exactly the week page's answer (<see cref="LinkedPages"/>).
/// </summary>
public sealed class NightPages(LinkedPages pages, Answers answers, HistoryStore history, PromptCatalog prompts)
{
    public Task<WeekPageResponse> OpenAsync(string? token, CancellationToken ct = default) =>
        pages.OpenAsync(token, LinkPurpose.Night, async (couple, claims) =>
        {
            var night = claims.Date;
            var texts = await answers.ReadAnswersAsync(couple.Id, night, night, ct);
            var shared = new SharedTexts(await history.ReadOutboundAsync(couple.Id, night, night, ct), claims.Partner);
            return new(200, NightPageHtml.Render(NightView.From(couple, claims.Partner, night, texts, shared, prompts)));
        }, ct);
}
