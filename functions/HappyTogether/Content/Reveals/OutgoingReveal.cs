using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Content.Reveals;

/// <summary>The reveal: the other partner's answer to the same question, while reveals are on. One that finds the
/// recipient asleep waits for their 07:00.</summary>
public sealed class OutgoingReveal(Answers answers) : IOutboundText
{
    public string Kind => TextKind.Reveal;

    public NightRule AtNight => NightRule.Hold;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) => couple.RevealsOn ? null : "reveals are off";

    public async Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        var other = couple.Other(partner);
        var answer = await answers.GetAnswerAsync(couple.Id, job.Date, other.Key, ct);
        // A withheld answer is never shown to the other partner.
        return answer is null or { Withheld: true } ? null : new ComposedText(RevealText.Compose(other.TextName, answer.Text), answer.PromptId);
    }
}
