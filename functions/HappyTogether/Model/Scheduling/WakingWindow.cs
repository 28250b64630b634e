using HappyTogether.Foundation.TimeZones;

namespace HappyTogether.Model.Scheduling;

/// <summary>The local hours in which scheduled texts may reach someone.</summary>
public static class WakingWindow
{
    public static readonly TimeOnly Start = new(7, 0);
    public static readonly TimeOnly End = new(21, 30);

    /// <summary>
    /// Judged by the minute: a 21:30 slot whose timer fires, or whose queue message is read, a few
    /// seconds after 21:30:00 still goes out.
    /// </summary>
    public static bool Contains(TimeOnly localTime)
    {
        var minute = new TimeOnly(localTime.Hour, localTime.Minute);
        return minute >= Start && minute <= End;
    }

    /// <summary>True while it is waking hours in <paramref name="zone"/>.</summary>
    public static bool IsAwake(DateTimeOffset now, TimeZoneInfo zone) => Contains(TimeOnly.FromDateTime(ZoneTime.ToLocal(now, zone)));

    /// <summary>How long from <paramref name="now"/> the waking window of the local <paramref name="date"/> in
    /// <paramref name="zone"/> still lasts (to the end of its last minute, 21:30); negative once it is over.</summary>
    public static TimeSpan LeftOn(DateOnly date, DateTimeOffset now, TimeZoneInfo zone) =>
        ZoneTime.ToUtc(date, End.AddMinutes(1), zone) - now;

    /// <summary>How long a text that is not a direct reply waits to reach someone in <paramref name="zone"/>: zero in
    /// their waking hours, else until the next 07:00 there.</summary>
    public static TimeSpan WaitFrom(DateTimeOffset now, TimeZoneInfo zone) =>
        IsAwake(now, zone) ? TimeSpan.Zero : ZoneTime.NextOccurrence(now, Start, zone) - now;
}
