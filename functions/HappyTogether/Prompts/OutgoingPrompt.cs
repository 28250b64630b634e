using HappyTogether.Couples;
using HappyTogether.Outbound;
using HappyTogether.Scheduling;

namespace HappyTogether.Prompts;

/// <summary>The morning idea or the evening question of the day, as it goes out in its slot.</summary>
public sealed class OutgoingPrompt(Slot slot, PromptRotation prompts) : IOutboundText
{
    public string Kind => Slots.KindOf(slot);

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) => Slots.WhyNot(partner, job.Date, now);

    public async Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        var (prompt, body) = await prompts.ComposeAsync(couple, partner, slot, job.Date, ct);
        return new(body, prompt.Id);
    }
}
