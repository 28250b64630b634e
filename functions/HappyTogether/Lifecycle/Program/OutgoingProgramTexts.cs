using HappyTogether.Lifecycle.Erasure;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Lifecycle.Program;

/// <summary>A program text: worded from the couple alone, and sent only to a partner in the consent state it is
/// for.</summary>
public abstract class ProgramText(string kind, ConsentState recipients, NightRule atNight) : IOutboundText
{
    public string Kind => kind;

    public NightRule AtNight => atNight;

    public virtual string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) =>
        partner.Consent == recipients ? null : $"consent is {partner.Consent}";

    public Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct) =>
        Task.FromResult<ComposedText?>(new(Body(couple, partner)));

    public virtual Task HandledAsync(Couple couple, OutboundJob job, CancellationToken ct) => Task.CompletedTask;

    public virtual bool HandledEvenIfUnsent => false;

    public virtual bool SentWhileErasing => false;

    protected abstract string Body(Couple couple, Partner partner);
}

/// <summary>The invitation, to a partner who has not answered it yet; it waits for their morning.</summary>
public sealed class OutgoingInvitation() : ProgramText(TextKind.Invitation, ConsentState.Invited, NightRule.Hold)
{
    protected override string Body(Couple couple, Partner partner) => ProgramTexts.Invitation(couple, partner);

    /// <summary>Not once the one who signed up has stopped meanwhile (a held invitation waits for the morning): it
    /// would invite to nothing.</summary>
    public override string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) =>
        base.WhyNot(couple, partner, job, now) ?? (couple.Other(partner).Consent == ConsentState.OptedOut ? "the other partner stopped" : null);
}

/// <summary>The confirmation after YES: the answer to the text the partner just sent, so it goes at once.</summary>
public sealed class OutgoingConfirmation() : ProgramText(TextKind.Confirmation, ConsentState.OptedIn, NightRule.Send)
{
    protected override string Body(Couple couple, Partner partner) => ProgramTexts.Confirmation(partner);
}

/// <summary>Tells the partner who stays that answers are no longer shared; it waits for their morning.</summary>
public sealed class OutgoingRevealsOff() : ProgramText(TextKind.RevealsOff, ConsentState.OptedIn, NightRule.Hold)
{
    protected override string Body(Couple couple, Partner partner) => ProgramTexts.RevealsOff;
}

/// <summary>Tells a partner that the other chose a new cadence for them both; it waits for their morning.</summary>
public sealed class OutgoingCadenceChanged() : ProgramText(TextKind.CadenceChanged, ConsentState.OptedIn, NightRule.Hold)
{
    protected override string Body(Couple couple, Partner partner) => ProgramTexts.CadenceChanged(couple, partner);

    // A notice held for the morning is worded then; if the recipient made the latest change themself, there is nothing
    // to tell.
    public override string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now) =>
        couple.CadenceSetBy == partner.Key ? "they chose the cadence last" : base.WhyNot(couple, partner, job, now);
}

/// <summary>
/// The erasure after DELETE YES, with a farewell to the other partner on the way. DELETE YES has marked
/// the couple as being erased, so this is the one text that still goes to it. The couple is erased
/// whether or not the farewell goes out: it is not sent to a partner who is asleep (erasure does not
/// wait for their morning) and a Twilio failure does not stop the erasure.
/// </summary>
public sealed class OutgoingEnded(CoupleErasure erasure) : ProgramText(TextKind.Ended, ConsentState.OptedIn, NightRule.Drop)
{
    protected override string Body(Couple couple, Partner partner) => ProgramTexts.Ended;

    public override bool HandledEvenIfUnsent => true;

    public override bool SentWhileErasing => true;

    public override Task HandledAsync(Couple couple, OutboundJob job, CancellationToken ct) => erasure.EraseAsync(couple.Id, ct);
}
