using System.Globalization;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Moods;
using HappyTogether.Model.History;

namespace HappyTogether.Content.Prompts;

/// <summary>
/// What choosing and ending the next prompts need of one partner's answer, and nothing of its words: kept on the
/// rotation row (see <see cref="RotationLog"/>) so the sender reads no answers, written in the answer's own
/// transaction.
/// </summary>
/// <param name="MoodSign">The sign of the mood word's pleasantness: -1, 0 (none, or not in the lexicon) or 1.</param>
/// <param name="Withheld">The answer signalled fear of the partner, who sees the night as unanswered.</param>
/// <param name="Quotable">A follow-through may quote it: no care signal, and something left to quote.</param>
public sealed record AnsweredNight(DateOnly Date, string Partner, string? PromptId, bool MoodRecognized, int MoodSign, bool Withheld, bool Quotable)
{
    /// <summary>The night of an answer as it stands now.</summary>
    public static AnsweredNight Of(AnswerRecord answer, MoodLexicon lexicon) => new(
        answer.Date,
        answer.Partner,
        answer.PromptId,
        answer.MoodRecognized,
        answer.MoodRecognized && answer.Mood is { } mood && lexicon.TryGet(mood, out var values) ? Math.Sign(values.Pleasantness) : 0,
        answer.Withheld,
        answer.Care == CareSignal.None && FollowThrough.Excerpt(answer) is not null);

    /// <summary>"{day}:{flags}:{prompt id}", flags from m (mood word), + or - (its sign), w (withheld), q (quotable).</summary>
    internal string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"{Date.DayNumber}:{(MoodRecognized ? "m" : "")}{MoodSign switch { > 0 => "+", < 0 => "-", _ => "" }}{(Withheld ? "w" : "")}{(Quotable ? "q" : "")}:{PromptId}");

    internal static AnsweredNight? Parse(string partner, string? text)
    {
        var fields = text?.Split(':', 3);
        if (fields is not [var day, var flags, var prompt] || !int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return null;
        var sign = flags.Contains('+') ? 1 : flags.Contains('-') ? -1 : 0;
        return new(DateOnly.FromDayNumber(number), partner, prompt.Length == 0 ? null : prompt, flags.Contains('m'), sign, flags.Contains('w'), flags.Contains('q'));
    }
}
