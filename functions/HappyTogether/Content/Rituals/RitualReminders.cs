using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Rituals;

/// <summary>
/// Arms the reminders of the couple's listening date and ritual: on the day, one job per partner held in the due index
/// until half an hour after their morning idea (earlier when the ritual starts sooner, never before waking hours).
/// Once handled, each arms the next week's while the ritual is still set on that weekday.
/// </summary>
public sealed class RitualReminders(DueIndex due)
{
    /// <summary>Which of the couple's two weekly times a reminder is about (its job's Ref).</summary>
    public const string Listening = "listening";

    public const string Own = "ritual";

    private static readonly TimeSpan AfterMorning = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Ahead = TimeSpan.FromHours(2);

    /// <summary>The couple's ritual a reminder's <paramref name="which"/> names.</summary>
    public static Ritual? Of(Couple couple, string? which) => which == Listening ? couple.ListeningDate : couple.Ritual;

    /// <summary>Holds the next reminder of <paramref name="which"/> for both partners: the first time it happens, or
    /// today's while its reminder time is still ahead.</summary>
    public async Task ArmAsync(Couple couple, string which, DateTimeOffset now, CancellationToken ct = default)
    {
        if (Of(couple, which) is not { } ritual) return;
        foreach (var partner in couple.Partners)
        {
            var date = ritual.NextFrom(ZoneTime.LocalDate(now, partner.Zone));
            if (ZoneTime.ToUtc(date, At(partner, ritual), partner.Zone) < now) date = date.AddDays(7);
            await ArmOneAsync(couple, partner, which, date, ct);
        }
    }

    /// <summary>Holds <paramref name="partner"/>'s reminder of <paramref name="which"/> on their local <paramref
    /// name="date"/>.</summary>
    public Task ArmOneAsync(Couple couple, Partner partner, string which, DateOnly date, CancellationToken ct = default)
    {
        if (Of(couple, which) is not { } ritual) return Task.CompletedTask;
        var at = ZoneTime.ToUtc(date, At(partner, ritual), partner.Zone);
        return due.HoldAsync(new OutboundJob(couple.Id, TextKind.RitualReminder, date, [partner.Key], which), at, ct);
    }

    /// <summary>The reminder's local time: after the morning idea, or two hours before the ritual if that is sooner,
    /// inside waking hours.</summary>
    private static TimeOnly At(Partner partner, Ritual ritual)
    {
        var at = partner.MorningTime.Add(AfterMorning);
        if (ritual.Time is { } time && time.Add(-Ahead) < at && time >= WakingWindow.Start.Add(Ahead)) at = time.Add(-Ahead);
        return at < WakingWindow.Start ? WakingWindow.Start : at;
    }
}
