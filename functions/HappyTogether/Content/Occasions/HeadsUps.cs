using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Occasions;

/// <summary>
/// Arms the heads-up before an occasion: a job held in the due index until half an hour after the
/// recipient's morning idea, five days before. Once handled it arms next year's; one whose occasion
/// was removed or moved meanwhile is dropped when it comes due.
/// </summary>
public sealed class HeadsUps(DueIndex due)
{
    private static readonly TimeSpan AfterMorning = TimeSpan.FromMinutes(30);

    /// <summary>Holds the next heads-up for <paramref name="occasion"/> that is not yet past at <paramref
    /// name="now"/>.</summary>
    public Task ArmAsync(Couple couple, Occasion occasion, DateTimeOffset now, CancellationToken ct = default)
    {
        if (couple.DayOf(occasion) is not { } day) return Task.CompletedTask;
        var recipient = couple[occasion.HeadsUpFor()];
        var today = ZoneTime.LocalDate(now, recipient.Zone);
        var date = day.OnOrAfter(today.AddDays(Occasion.HeadsUpDays)).AddDays(-Occasion.HeadsUpDays);
        var at = ZoneTime.ToUtc(date, recipient.MorningTime.Add(AfterMorning), recipient.Zone);
        var job = new OutboundJob(couple.Id, TextKind.HeadsUp, date, [recipient.Key], occasion.Kind);
        return due.HoldAsync(job, at > now ? at : now, ct);
    }

    /// <summary>The occasion a heads-up job is about: the other partner's birthday, or the anniversary the other
    /// stored.</summary>
    public static Occasion Of(Couple couple, OutboundJob job) => new(job.Ref ?? Occasion.Anniversary, couple.Other(couple[job.Partners[0]]).Key);
}
