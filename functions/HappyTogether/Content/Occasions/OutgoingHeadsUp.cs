using System.Globalization;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Content.Occasions;

/// <summary>Five days before a birthday or the anniversary, a heads-up to the partner who did not store it, inside
/// their waking hours.</summary>
public sealed class OutgoingHeadsUp(HeadsUps headsUps) : IOutboundText
{
    public string Kind => TextKind.HeadsUp;

    public NightRule AtNight => NightRule.Hold;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now)
    {
        var occasion = HeadsUps.Of(couple, job);
        var on = job.Date.AddDays(Occasion.HeadsUpDays);
        if (partner.Consent != ConsentState.OptedIn) return $"consent is {partner.Consent}";
        if (couple.DayOf(occasion)?.In(on.Year) != on) return "the occasion was removed or moved";
        if (occasion.Kind == Occasion.Anniversary && couple.AnniversarySetBy == partner.Key) return "they stored the anniversary themselves";
        return partner.IsQuietOn(job.Date) ? "paused or skipped" : null;
    }

    public Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        var on = partner.DayDate(job.Date.AddDays(Occasion.HeadsUpDays));
        var text = HappyTogether.Foundation.Messages.MessageCatalog.For().RenderVariant(
            "heads-up",
            job.Ref == Occasion.Birthday ? "birthday" : "anniversary",
            ("partner", couple.Other(partner).TextName),
            ("when", on),
            ("days", Occasion.HeadsUpDays.ToString(CultureInfo.InvariantCulture)));
        return Task.FromResult<ComposedText?>(new(text));
    }

    /// <summary>Next year's heads-up, while the occasion is still stored.</summary>
    public Task HandledAsync(Couple couple, OutboundJob job, CancellationToken ct) =>
        headsUps.ArmAsync(couple, HeadsUps.Of(couple, job), HappyTogether.Foundation.TimeZones.ZoneTime.ToUtc(job.Date.AddDays(Occasion.HeadsUpDays + 1), new TimeOnly(12, 0), couple[job.Partners[0]].Zone), ct);
}
