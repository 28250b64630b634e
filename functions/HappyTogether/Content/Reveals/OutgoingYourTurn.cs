using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Reveals;

/// <summary>
/// "Your turn": <see cref="After"/> after one partner answered, one gentle text to the other if they still have not,
/// the same evening or not at all. One that would land after the waking window (21:30) or on another local date is
/// dropped, never held to the morning: a nudge about last night's question reads as homework. At most once a night,
/// never two nights running, never after NUDGE OFF; the first one says how to turn it off.
/// </summary>
public sealed class OutgoingYourTurn(Answers answers, CoupleStore couples) : IOutboundText
{
    public static readonly TimeSpan After = TimeSpan.FromMinutes(90);

    public string Kind => TextKind.YourTurn;

    public NightRule AtNight => NightRule.Drop;

    /// <summary>
    /// Whether a nudge about <paramref name="night"/>'s question, <see cref="After"/> an answer at
    /// <paramref name="answeredUtc"/>, lands while <paramref name="partner"/> is awake that same local evening. One
    /// that would not is never held: it would only be dropped when it came due.
    /// </summary>
    public static bool LandsTheSameEvening(Partner partner, DateOnly night, DateTimeOffset answeredUtc)
    {
        var at = ZoneTime.ToLocal(answeredUtc + After, partner.Zone);
        return DateOnly.FromDateTime(at) == night && WakingWindow.Contains(TimeOnly.FromDateTime(at));
    }

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) =>
        partner.Consent != ConsentState.OptedIn ? $"consent is {partner.Consent}"
        : !couple.RevealsOn ? "reveals are off"
        : partner.NudgeOff ? "nudges are off"
        : partner.NudgedOn == job.Date.AddDays(-1) ? "nudged last night"
        : ZoneTime.LocalDate(now, partner.Zone) != job.Date ? "that evening is over"
        : null;

    /// <summary>A nudge about tonight's question is worth delivering only tonight, in waking hours.</summary>
    public TimeSpan? ValidFor(Partner partner, OutboundJob job, DateTimeOffset now) => WakingWindow.LeftOn(job.Date, now, partner.Zone);

    public async Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        // Answered meanwhile: nothing to nudge.
        if (await answers.GetAnswerAsync(couple.Id, job.Date, partner.Key, ct) is not null) return null;
        // The first reminder a partner gets says how to turn them off.
        var variant = partner.NudgedOn is null ? "tonight-first" : "tonight";
        return new ComposedText(MessageCatalog.For()
            .RenderVariant("your-turn", variant, ("partner", couple.Other(partner).TextName)));
    }

    public async Task SentAsync(Couple couple, OutboundJob job, IReadOnlyList<SentText> sent, CancellationToken ct)
    {
        await couples.MutateAsync(couple, c =>
        {
            foreach (var text in sent) c[text.Partner].NudgedOn = job.Date;
            return sent.Count > 0;
        }, ct);
    }
}
