using HappyTogether.Foundation.Messages;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Content.Rituals;

/// <summary>On the day of the couple's listening date or ritual, a short reminder to each partner, inside their waking
/// hours.</summary>
public sealed class OutgoingRitualReminder(RitualReminders reminders) : IOutboundText
{
    public string Kind => TextKind.RitualReminder;

    public NightRule AtNight => NightRule.Hold;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now)
    {
        if (partner.Consent != ConsentState.OptedIn) return $"consent is {partner.Consent}";
        if (RitualReminders.Of(couple, job.Ref)?.IsOn(job.Date) != true) return "it was removed or moved";
        return partner.IsQuietOn(job.Date) ? "paused or skipped" : null;
    }

    public Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        var ritual = RitualReminders.Of(couple, job.Ref)!;
        var variant = (job.Ref == RitualReminders.Listening ? "listening" : "ritual") + (ritual.Time is null ? "" : "-timed");
        var text = MessageCatalog.For().RenderVariant(
            "ritual-reminder",
            variant,
            ("partner", couple.Other(partner).TextName),
            ("what", ritual.What ?? ""),
            ("time", ritual.Time is { } time ? partner.Clock(time) : ""));
        return Task.FromResult<ComposedText?>(new(text));
    }

    /// <summary>Next week's, while it is still set on that weekday (a moved one armed its own when it was
    /// moved).</summary>
    public Task HandledAsync(Couple couple, OutboundJob job, CancellationToken ct)
    {
        if (RitualReminders.Of(couple, job.Ref)?.IsOn(job.Date) != true) return Task.CompletedTask;
        var partner = couple[job.Partners[0]];
        var next = job.Date.AddDays(7);
        return reminders.ArmOneAsync(couple, partner, job.Ref!, next, ct);
    }
}
