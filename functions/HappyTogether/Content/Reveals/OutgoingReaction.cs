using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Content.Reveals;

/// <summary>
/// A partner's short reaction to a reveal, passed on once to the other ("Ana: aww"). It is not a
/// direct reply to the recipient, so one that finds them asleep waits for their 07:00.
/// </summary>
public sealed class OutgoingReaction(Answers answers) : IOutboundText
{
    public string Kind => TextKind.Reaction;

    public NightRule AtNight => NightRule.Hold;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) => couple.RevealsOn ? null : "reveals are off";

    public async Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        var from = couple.Other(partner);
        var reaction = await answers.GetReactionAsync(couple.Id, job.Date, from.Key, ct);
        return reaction is null ? null : new ComposedText(RevealText.Reaction(from.TextName, reaction.Text));
    }
}
