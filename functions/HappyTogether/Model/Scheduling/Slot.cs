using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Model.Scheduling;

/// <summary>A partner's scheduled texts: a gesture idea each morning, a question each evening, a weekly
/// recap.</summary>
public enum Slot
{
    Morning,
    Evening,
    Recap,
}

/// <summary>When a partner's slots come round, which text each sends, and when that text may still go out.</summary>
public static class Slots
{
    /// <summary>The partner's local time of the slot.</summary>
    public static TimeOnly TimeOf(this Partner partner, Slot slot) => slot switch
    {
        Slot.Morning => partner.MorningTime,
        Slot.Evening => partner.EveningTime,
        _ => partner.RecapTime,
    };

    /// <summary>The weekday of a weekly slot; null for daily ones.</summary>
    public static DayOfWeek? DayOf(this Partner partner, Slot slot) => slot == Slot.Recap ? partner.RecapDay : null;

    /// <summary>The kind of outbound text the slot sends.</summary>
    public static string KindOf(Slot slot) => slot switch
    {
        Slot.Morning => TextKind.Morning,
        Slot.Evening => TextKind.Evening,
        _ => TextKind.Recap,
    };

    /// <summary>
    /// Why a slot's text for the local <paramref name="date"/> must not reach the partner now, or null
    /// when it may: only to an opted-in partner, on that very local day, not paused or skipped, awake.
    /// </summary>
    public static string? WhyNot(Partner partner, DateOnly date, DateTimeOffset now)
    {
        if (partner.Consent != ConsentState.OptedIn) return $"consent is {partner.Consent}";
        var local = ZoneTime.ToLocal(now, partner.Zone);
        if (DateOnly.FromDateTime(local) != date) return "its local date has passed";
        if (partner.IsQuietOn(date)) return "paused or skipped";
        return WakingWindow.Contains(TimeOnly.FromDateTime(local)) ? null : "outside waking hours";
    }

    /// <summary>
    /// Why a morning idea for <paramref name="date"/> is too late to be useful now (a queue backlog or an outage held
    /// it): once the partner's evening question is due, the idea would arrive with it, so it is dropped. Null while
    /// it is still worth sending.
    /// </summary>
    public static string? IdeaTooLate(Partner partner, DateOnly date, DateTimeOffset now) =>
        partner.EveningTime > partner.MorningTime && now >= ZoneTime.ToUtc(date, partner.EveningTime, partner.Zone)
            ? "the evening question is due"
            : null;
}
