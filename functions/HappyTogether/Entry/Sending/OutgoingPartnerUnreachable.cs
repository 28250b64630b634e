using HappyTogether.Foundation.Messages;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Entry.Sending;

/// <summary>
/// Tells a partner, once, that texts to the other could not reach them for days and are paused until the other texts
/// in (<see cref="UnreachablePartners"/>): kindly, without blame or detail. It waits for the recipient's morning, and
/// is dropped if the other partner texted in meanwhile.
/// </summary>
public sealed class OutgoingPartnerUnreachable : IOutboundText
{
    public string Kind => TextKind.PartnerUnreachable;

    public NightRule AtNight => NightRule.Hold;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) =>
        partner.Consent != ConsentState.OptedIn ? $"consent is {partner.Consent}"
        : couple.Other(partner).UnreachableOn is null ? "the other partner is reachable again"
        : null;

    public Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct) =>
        Task.FromResult<ComposedText?>(new(MessageCatalog.For().Render("partner-unreachable", ("partner", couple.Other(partner).TextName))));
}
