using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Prompts;

/// <summary>The morning idea or the evening question of the day, as it goes out in its slot, on the days the couple's
/// cadence has texts.</summary>
public sealed class OutgoingPrompt(Slot slot, PromptRotation prompts, CoupleStore couples) : IOutboundText
{
    public string Kind => Slots.KindOf(slot);

    /// <summary>The couple with its rotation row (picks and answered nights) in one request; a profile not yet moved
    /// from the old table is moved by the point read.</summary>
    public async Task<Couple?> ReadCoupleAsync(CoupleStore store, OutboundJob job, CancellationToken ct) =>
        await prompts.ReadAsync(job.CoupleId, slot, job.Date, ct) ?? await store.GetAsync(job.CoupleId, ct);

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) =>
        !couple.HasTextsOn(job.Date) ? $"the cadence is {couple.Cadence}"
        : Slots.WhyNot(partner, job.Date, now) ?? (slot == Slot.Morning ? Slots.IdeaTooLate(partner, job.Date, now) : null);

    /// <summary>Today's idea or question is worth delivering until the end of the partner's waking hours that day.</summary>
    public TimeSpan? ValidFor(Partner partner, OutboundJob job, DateTimeOffset now) => WakingWindow.LeftOn(job.Date, now, partner.Zone);

    public async Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        var (text, storePicks) = await prompts.ComposeForSendAsync(couple, partner, slot, job.Date, ct);
        return new(text.Body, text.Id) { StoreWithClaim = storePicks };
    }

    /// <summary>A question that offered EVERY 2 is noted once sent, so the offer is made only once.</summary>
    public async Task SentAsync(Couple couple, OutboundJob job, IReadOnlyList<SentText> sent, CancellationToken ct)
    {
        if (slot != Slot.Evening) return;
        var offered = new List<string>();
        foreach (var text in sent)
            if (await prompts.OffersCadenceAsync(couple, couple[text.Partner], job.Date, ct)) offered.Add(text.Partner);
        await couples.MutateAsync(couple, c =>
        {
            foreach (var partner in offered) c[partner].CadenceOfferedOn = job.Date;
            return offered.Count > 0;
        }, ct);
    }
}
