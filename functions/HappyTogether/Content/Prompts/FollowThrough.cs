using System.Text.RegularExpressions;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;

namespace HappyTogether.Content.Prompts;

/// <summary>
/// The morning after both answered a question that has a follow-up, each partner gets it built on the other's answer
/// instead of an idea ("Sam's small treat: 'warm croissant'. Could you make it happen today?"). Only while answers are
/// shared, never on an answer that carried a care signal, never two mornings running.
/// </summary>
public static partial class FollowThrough
{
    /// <summary>Starts the stored pick of a follow-through morning; the question's id follows.</summary>
    public const string PickPrefix = "~follow-";

    /// <summary>The most characters of an answer a follow-through quotes.</summary>
    public const int ExcerptLength = 40;

    public static bool IsPick(string promptId) => promptId.StartsWith(PickPrefix, StringComparison.Ordinal);

    /// <summary>The question a follow-through pick builds on.</summary>
    public static string QuestionOf(string promptId) => promptId[PickPrefix.Length..];

    /// <summary>
    /// The question whose follow-up goes out on the morning of <paramref name="date"/>, or null: last evening's question
    /// for both has one, both answered it, sharing is on, neither answer carried a care signal, both leave something
    /// to quote, and yesterday morning was no follow-through.
    /// </summary>
    public static Prompt? Due(Couple couple, DateOnly date, PromptCatalog catalog, IReadOnlyList<Pick> evenings, IReadOnlyList<Pick> mornings, IReadOnlyList<AnsweredNight> answers)
    {
        var yesterday = date.AddDays(-1).DayNumber;
        if (!couple.RevealsOn || mornings.Any(p => p.Day == yesterday && IsPick(p.PromptId))) return null;
        var asked = evenings.Where(p => p.Day == yesterday).ToList();
        // A follow-up in each partner's language (the English catalog stands for a partner without one).
        if (asked is not [{ Partner: Pick.Both } pick] || couple.Partners.Any(p => catalog.In(p.Language).Find(pick.PromptId)?.FollowUp is null)) return null;
        var question = catalog.Find(pick.PromptId)!;
        var night = date.AddDays(-1);
        return couple.Partners.All(p => answers.Any(a => a.Partner == p.Key && a.Date == night && a.PromptId == question.Id && a.Quotable))
            ? question
            : null;
    }

    /// <summary>The follow-through for <paramref name="recipient"/>: the question's follow-up with the other partner's
    /// name and a short excerpt of <paramref name="answer"/>, theirs to the question the night before; null when that
    /// answer is no longer there.</summary>
    public static string? Compose(Couple couple, Partner recipient, Prompt question, AnswerRecord? answer)
    {
        var other = couple.Other(recipient);
        return answer is { Care: CareSignal.None } && answer.Partner == other.Key && answer.PromptId == question.Id && Excerpt(answer) is { } excerpt
            ? question.FollowUp!.Replace(Prompt.PartnerPlaceholder, other.TextName, StringComparison.Ordinal).Replace(AnswerPlaceholder, excerpt, StringComparison.Ordinal)
            : null;
    }

    public const string AnswerPlaceholder = "{answer}";

    /// <summary>
    /// What a follow-through quotes of an answer: in GSM-7, on one line, without a mood word at its end, at most
    /// <see cref="ExcerptLength"/> characters cut at a word; null when nothing is left to quote.
    /// </summary>
    public static string? Excerpt(AnswerRecord answer)
    {
        var text = Spaces().Replace(Gsm7.Transliterate(Spaces().Replace(answer.Text, " ")), " ").Trim();
        if (answer.MoodRecognized && answer.Mood is { } mood && LastWord().Match(text) is { Success: true } last
            && (string.Equals(last.Groups["word"].Value, mood, StringComparison.OrdinalIgnoreCase)
                || string.Equals(last.Groups["word"].Value, answer.MoodWritten, StringComparison.OrdinalIgnoreCase)))
            text = text[..last.Index].TrimEnd(' ', ',', '.', ';', ':', '-', '!', '/', '+');
        text = text.Trim('"', '\'', ' ');
        if (text.Length > ExcerptLength)
        {
            var cut = text.LastIndexOf(' ', ExcerptLength - 3);
            text = (cut >= ExcerptLength / 2 ? text[..cut] : text[..(ExcerptLength - 3)]).TrimEnd(' ', ',', '.', ';', ':', '-') + "...";
        }
        return text.Count(char.IsLetterOrDigit) >= 2 ? text : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\s,.;:!/+-]*\b(?<word>[A-Za-z]+)\W*$")]
    private static partial Regex LastWord();
}
