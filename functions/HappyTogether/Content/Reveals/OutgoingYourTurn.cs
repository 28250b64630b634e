using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Content.Reveals;

/// <summary>
/// "Your turn": <see cref="After"/> after one partner answered, one gentle text to the other if they
/// still have not. One that would arrive at night waits for 07:00 (the question can still be answered
/// then) and says "last night's". At most once a night, never two nights running, never after NUDGE
/// OFF; the first one says how to turn it off.
/// </summary>
public sealed class OutgoingYourTurn(Answers answers, CoupleStore couples, TimeProvider clock) : IOutboundText
{
    public static readonly TimeSpan After = TimeSpan.FromMinutes(90);

    public string Kind => TextKind.YourTurn;

    public NightRule AtNight => NightRule.Hold;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) =>
        partner.Consent != ConsentState.OptedIn ? $"consent is {partner.Consent}"
        : !couple.RevealsOn ? "reveals are off"
        : partner.NudgeOff ? "nudges are off"
        : partner.NudgedOn == job.Date.AddDays(-1) ? "nudged last night"
        : null;

    public async Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        // Answered meanwhile: nothing to nudge.
        if (await answers.GetAnswerAsync(couple.Id, job.Date, partner.Key, ct) is not null) return null;
        var night = HappyTogether.Foundation.TimeZones.ZoneTime.LocalDate(clock.GetUtcNow(), partner.Zone) > job.Date
            ? "last-night" : "tonight";
        // The first reminder a partner gets says how to turn them off.
        var variant = partner.NudgedOn is null ? $"{night}-first" : night;
        return new ComposedText(HappyTogether.Foundation.Messages.MessageCatalog.For()
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
