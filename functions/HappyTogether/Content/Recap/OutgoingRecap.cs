using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Recap;

/// <summary>The weekly recap as it goes out in its slot; a care line it carried is noted once sent, so the line waits
/// four weeks.</summary>
public sealed class OutgoingRecap(RecapService recaps, CoupleStore couples) : IOutboundText
{
    /// <summary>Recorded as the "prompt" of a recap that carried the care line.</summary>
    private const string CareNoted = "care";

    public string Kind => TextKind.Recap;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) => Slots.WhyNot(partner, job.Date, now);

    public async Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        var recap = await recaps.ComputeAsync(couple, job.Date, ct);
        return new ComposedText(recaps.Render(couple, recap, partner.Key), recap[partner.Key].Care ? CareNoted : null);
    }

    public async Task SentAsync(Couple couple, OutboundJob job, IReadOnlyList<SentText> sent, CancellationToken ct)
    {
        if (sent.FirstOrDefault(s => s.PromptId == CareNoted) is { } care)
            await couples.MutateAsync(couple, c => { c[care.Partner].CareShownOn = job.Date; return true; }, ct);
    }
}
