using HappyTogether.Couples;
using HappyTogether.Erasure;
using HappyTogether.Outbound;

namespace HappyTogether.Programme;

/// <summary>A programme text: worded from the couple alone, and sent only to a partner in the consent state it is for.</summary>
public abstract class ProgrammeText(string kind, ConsentState recipients) : IOutboundText
{
    public string Kind => kind;

    public string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) =>
        partner.Consent == recipients ? null : $"consent is {partner.Consent}";

    public Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct) =>
        Task.FromResult<ComposedText?>(new(Body(couple, partner)));

    public virtual Task HandledAsync(Couple couple, OutboundJob job, CancellationToken ct) => Task.CompletedTask;

    protected abstract string Body(Couple couple, Partner partner);
}

/// <summary>The invitation, to a partner who has not answered it yet.</summary>
public sealed class OutgoingInvitation() : ProgrammeText(TextKind.Invitation, ConsentState.Invited)
{
    protected override string Body(Couple couple, Partner partner) => ProgramTexts.Invitation(couple, partner);
}

/// <summary>The confirmation after YES.</summary>
public sealed class OutgoingConfirmation() : ProgrammeText(TextKind.Confirmation, ConsentState.OptedIn)
{
    protected override string Body(Couple couple, Partner partner) => ProgramTexts.Confirmation(partner);
}

/// <summary>Tells the partner who stays that answers are no longer shared.</summary>
public sealed class OutgoingRevealsOff() : ProgrammeText(TextKind.RevealsOff, ConsentState.OptedIn)
{
    protected override string Body(Couple couple, Partner partner) => ProgramTexts.RevealsOff;
}

/// <summary>The farewell after the other partner's DELETE YES; once it is out (or not wanted), the couple is erased.</summary>
public sealed class OutgoingEnded(CoupleErasure erasure) : ProgrammeText(TextKind.Ended, ConsentState.OptedIn)
{
    protected override string Body(Couple couple, Partner partner) => ProgramTexts.Ended;

    public override Task HandledAsync(Couple couple, OutboundJob job, CancellationToken ct) => erasure.EraseAsync(couple.Id, ct);
}
