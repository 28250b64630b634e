using HappyTogether.Couples;
using HappyTogether.History;
using HappyTogether.Outbound;
using HappyTogether.Scheduling;
using HappyTogether.TimeZones;

namespace HappyTogether.Replies;

/// <summary>
/// A partner's short reaction to a reveal, passed on once to the other ("Ana: aww"). It is not a
/// direct reply to the recipient, so it waits for their waking hours (the job is queued with that
/// delay); one that still finds them asleep is dropped.
/// </summary>
public sealed class OutgoingReaction(Answers answers) : IOutboundText
{
    public string Kind => TextKind.Reaction;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) =>
        !couple.RevealsOn ? "reveals are off"
        : !WakingWindow.Contains(TimeOnly.FromDateTime(ZoneTime.ToLocal(now, partner.Zone))) ? "outside waking hours"
        : null;

    public async Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        var from = couple.Other(partner);
        var reaction = await answers.GetReactionAsync(couple.Id, job.Date, from.Key, ct);
        return reaction is null ? null : new ComposedText(RevealText.Reaction(from.TextName, reaction.Text));
    }
}
