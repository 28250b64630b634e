using HappyTogether.Foundation.Links;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Content.Reveals;

/// <summary>The reveal: the other partner's answer to the same question, whole (or its opening and a link to the night's
/// page), while reveals are on. One that finds the recipient asleep waits for their 07:00.</summary>
public sealed class OutgoingReveal(Answers answers, SignedLinks links) : IOutboundText
{
    public string Kind => TextKind.Reveal;

    public NightRule AtNight => NightRule.Hold;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) => couple.RevealsOn ? null : "reveals are off";

    public async Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        var other = couple.Other(partner);
        var answer = await answers.GetAnswerAsync(couple.Id, job.Date, other.Key, ct);
        // A withheld answer is never shown to the other partner.
        if (answer is null or { Withheld: true }) return null;
        // The link depends only on the couple, the recipient and the night, so a retry composes the same text.
        var nightLink = links.NightUrl(couple.Id, partner.Key, job.Date);
        return new ComposedText(RevealText.Compose(other.TextName, answer.Text, nightLink), answer.PromptId);
    }
}
