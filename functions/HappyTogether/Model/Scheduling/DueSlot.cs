using Azure;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Model.Scheduling;

/// <summary>One partner's next scheduled text: when it is due and the local date it belongs to.</summary>
public sealed record DueSlot(
    string CoupleId, string Partner, Slot Slot, DateTimeOffset DueUtc, DateOnly LocalDate, string TimeZone,
    TimeOnly LocalTime)
{
    /// <summary>The weekday of a weekly slot; null for daily ones.</summary>
    public DayOfWeek? Weekday { get; init; }

    /// <summary>Storage concurrency token of the row this was read from.</summary>
    public ETag ETag { get; init; }

    /// <summary>The same slot's following occurrence.</summary>
    public DueSlot Next(DateTimeOffset after)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var due = ZoneTime.NextOccurrence(after, LocalTime, zone, Weekday);
        return this with { DueUtc = due, LocalDate = ZoneTime.LocalDate(due, zone), ETag = default };
    }
}

/// <summary>A job held until its recipients' waking hours, as read back from the due index.</summary>
public sealed record HeldJob(OutboundJob Job, DateTimeOffset DueUtc, string RowKey);

/// <summary>What is due: armed slots, and held jobs whose time has come.</summary>
public sealed record DueRows(IReadOnlyList<DueSlot> Slots, IReadOnlyList<HeldJob> Held);
