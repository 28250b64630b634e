using HappyTogether.Content.Prompts;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;

namespace HappyTogether.Pages.NightPage;

/// <summary>
/// What one night's page shows one partner: the question, their own answer, and the other's answer only as it was
/// revealed to them. Texts are as stored (encode them to show them).
/// </summary>
/// <param name="Question">The night's question, or null when the viewer has nothing on the page to tie it to.</param>
/// <param name="Mine">The viewer's own answer; null when they gave none.</param>
/// <param name="Theirs">The other's answer; null unless it reached the viewer under the reveal rule.</param>
public sealed record NightView(DateOnly Night, string OtherName, string? Question, string? Mine, string? Theirs)
{
    /// <summary>
    /// The night as <paramref name="viewer"/> sees it. The other's answer shows only when both answered, it is not
    /// withheld (a safety-flagged answer counts as no answer), the other shares their words now, and their reveal
    /// reached the viewer (<paramref name="shared"/>, which also means reveals were on that night).
    /// </summary>
    public static NightView From(
        Couple couple, string viewer, DateOnly night, IEnumerable<AnswerRecord> answers, SharedTexts shared,
        PromptCatalog prompts)
    {
        var me = couple[viewer];
        var other = couple.Other(me);
        var tonight = answers.Where(a => a.Kind == AnswerRecord.AnswerKind && a.Date == night).ToList();
        var mine = tonight.FirstOrDefault(a => a.Partner == me.Key);
        var theirs = tonight.FirstOrDefault(a => a.Partner == other.Key && !a.Withheld);
        if (mine is null || theirs is null || other.ShareOff || !shared.Reached(theirs)) theirs = null;
        // The question comes from an answer the viewer may see, so the page tells nothing the night did not.
        var promptId = mine?.PromptId ?? theirs?.PromptId;
        var question = promptId is null ? null : prompts.Find(promptId)?.Render(other.Name);
        return new NightView(night, other.Name, question, mine?.Text, theirs?.Text);
    }
}
