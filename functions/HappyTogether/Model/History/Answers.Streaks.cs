namespace HappyTogether.Model.History;

// The streak: nights in a row on which both partners answered, read a page of nights at a time.
public sealed partial class Answers
{
    /// <summary>Nights of answers one read of a streak covers: the four weeks a weekly recap reads anyway.</summary>
    public const int StreakPageDays = 28;

    /// <summary>
    /// Nights in a row, up to <paramref name="today"/>, on which both partners answered (what STATUS and
    /// the weekly recap report). Nights for which <paramref name="hadQuestion"/> is false (the cadence
    /// sent nothing) neither count nor break it.
    /// </summary>
    public async Task<int> StreakAsync(
        string coupleId, DateOnly today, Func<DateOnly, bool>? hadQuestion = null, CancellationToken ct = default)
    {
        var from = today.AddDays(1 - StreakPageDays);
        var answers = await ReadAnswersAsync(coupleId, from, today, ct);
        return await StreakAsync(coupleId, today, answers, from, hadQuestion, ct);
    }

    /// <summary>
    /// The streak up to <paramref name="today"/> from answers a caller already read (from
    /// <paramref name="from"/> to today). Only while the streak reaches back to the oldest night read
    /// are the four weeks before it read, so a long streak costs one range query per four weeks and
    /// the read stops at the first night one of them missed.
    /// </summary>
    public async Task<int> StreakAsync(
        string coupleId, DateOnly today, IReadOnlyList<AnswerRecord> answers, DateOnly from,
        Func<DateOnly, bool>? hadQuestion = null, CancellationToken ct = default)
    {
        var read = answers.ToList();
        while (true)
        {
            var (streak, open) = Count(read, today, hadQuestion, from);
            // A missed night ends it within the nights read.
            if (!open) return streak;
            var to = from.AddDays(-1);
            from = to.AddDays(1 - StreakPageDays);
            read.AddRange(await ReadAnswersAsync(coupleId, from, to, ct));
        }
    }

    /// <summary>
    /// The streak counted in <paramref name="answers"/> alone
    /// (see <see cref="StreakAsync(string, DateOnly, Func{DateOnly, bool}?, CancellationToken)"/>).
    /// </summary>
    public static int Streak(
        IEnumerable<AnswerRecord> answers, DateOnly today, Func<DateOnly, bool>? hadQuestion = null) =>
        Count(answers, today, hadQuestion, DateOnly.MinValue).Streak;

    // Open: the streak ran back to the oldest night read, so older nights may extend it.
    private static (int Streak, bool Open) Count(
        IEnumerable<AnswerRecord> answers, DateOnly today, Func<DateOnly, bool>? hadQuestion, DateOnly from)
    {
        // A withheld answer leaves its night unanswered for the partner it is kept from, so it never counts.
        var both = answers.Where(a => !a.Withheld).GroupBy(a => a.Date)
            .Where(g => g.Select(a => a.Partner).Distinct().Count() == 2)
            .Select(g => g.Key)
            .ToHashSet();
        var streak = 0;
        // Tonight may not be answered yet; a streak that ran to yesterday still counts.
        var first = both.Contains(today) ? today : today.AddDays(-1);
        for (var night = first; night > DateOnly.MinValue; night = night.AddDays(-1))
        {
            if (night < from) return (streak, true);
            if (both.Contains(night)) streak++;
            else if (hadQuestion?.Invoke(night) != false) return (streak, false);
        }
        return (streak, false);
    }
}
