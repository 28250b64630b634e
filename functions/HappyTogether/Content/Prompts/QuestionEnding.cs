namespace HappyTogether.Content.Prompts;

/// <summary>
/// How an evening question asks for a mood word: in full while a partner is new to it or has stopped giving one, in a
/// few words once they give one most nights, not at all once it is a habit. Read from the partner's own answers before
/// the question's date, so a retried send ends the same way.
/// </summary>
public static class QuestionEnding
{
    /// <summary>Days of answers the ending looks at.</summary>
    public const int Days = 14;

    /// <summary>Nights with a mood word in the last seven that shorten the ask.</summary>
    public const int ShortAfter = 4;

    /// <summary>Nights with a mood word in the last fourteen that drop it.</summary>
    public const int DropAfter = 10;

    public enum Stage { Full, Short, None }

    /// <summary>The stage for <paramref name="partner"/> on <paramref name="date"/>: back to full as soon as their latest
    /// answer came without a mood word.</summary>
    public static Stage For(string partner, DateOnly date, IReadOnlyList<AnsweredNight> answers)
    {
        var mine = answers.Where(a => a.Partner == partner && a.Date < date && a.Date >= date.AddDays(-Days)).ToList();
        var latest = mine.MaxBy(a => a.Date);
        if (latest is null || !latest.MoodRecognized) return Stage.Full;
        var moodNights = mine.Where(a => a.MoodRecognized).Select(a => a.Date).ToHashSet();
        return moodNights.Count >= DropAfter ? Stage.None
            : moodNights.Count(d => d >= date.AddDays(-7)) >= ShortAfter ? Stage.Short
            : Stage.Full;
    }

    /// <summary>The ending itself, taking turns through the catalog's wordings by <paramref name="day"/>.</summary>
    public static string Of(Stage stage, int day, PromptCatalog catalog)
    {
        var endings = stage switch
        {
            Stage.Full => catalog.QuestionSuffixes,
            Stage.Short => catalog.ShortSuffixes,
            _ => [],
        };
        return endings.Count == 0 ? "" : endings[((day % endings.Count) + endings.Count) % endings.Count];
    }
}
