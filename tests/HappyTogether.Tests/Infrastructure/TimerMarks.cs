namespace HappyTogether.Tests.Infrastructure;

/// <summary>The scheduler timer's marks as tests tick it (<see cref="TestApp.RunTimerAsync"/>): every five minutes, as
/// the Functions timer fires.</summary>
public static class TimerMarks
{
    /// <summary>The timer's period.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    /// <summary>The marks after <paramref name="from"/> for <paramref name="span"/>: from + 5 min, from + 10 min, … up
    /// to from + span.</summary>
    public static IEnumerable<DateTimeOffset> Marks(DateTimeOffset from, TimeSpan span) =>
        Enumerable.Range(1, (int)(span.Ticks / Step.Ticks)).Select(n => from + n * Step);

    /// <summary>Mark after mark from <paramref name="first"/>, every <paramref name="step"/>, without end (the caller
    /// takes what it needs).</summary>
    public static IEnumerable<DateTimeOffset> Every(DateTimeOffset first, TimeSpan step)
    {
        for (var mark = first; ; mark += step) yield return mark;
    }
}
