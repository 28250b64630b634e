namespace HappyTogether.Foundation.TimeZones;

/// <summary>Turns a partner's local wall-clock times into UTC instants, across DST changes.</summary>
public static class ZoneTime
{
    /// <summary>
    /// The UTC instant of a local date and time. A time skipped by a spring-forward change moves on
    /// by the gap; a time that occurs twice in autumn takes its first occurrence.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The local date and time of a UTC instant.</summary>
    public static DateTime ToLocal(DateTimeOffset utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(utc, zone).DateTime;

    public static DateOnly LocalDate(DateTimeOffset utc, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(utc, zone));

    /// <summary>
    /// The first instant strictly after <paramref name="after"/> at which the local clock reads
    /// <paramref name="time"/>, on <paramref name="weekday"/> when given (weekly slots).
    /// </summary>
    public static DateTimeOffset NextOccurrence(DateTimeOffset after, TimeOnly time, TimeZoneInfo zone, DayOfWeek? weekday = null)
    {
        var date = LocalDate(after, zone).AddDays(-1);
        while (true)
        {
            if (weekday is null || date.DayOfWeek == weekday)
            {
                var candidate = ToUtc(date, time, zone);
                if (candidate > after) return candidate;
            }
            date = date.AddDays(1);
        }
    }
}
