using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;

namespace HappyTogether.Lifecycle.Program;

/// <summary>The program's own texts (invitation, terms, confirmation, reveals off, end) from the catalog.</summary>
public static class ProgramTexts
{
    private static MessageCatalog Catalog => MessageCatalog.For();

    /// <summary>Longest "invited by" an operator may set, so the invitation stays within two segments.</summary>
    public const int MaxInvitedByLength = 30;

    public static string RevealsOff => Catalog.Render("program.reveals-off");
    public static string Ended => Catalog.Render("program.ended");

    /// <summary>
    /// What a partner reads when the other chose the cadence; worded from the couple as it is now, so a
    /// later change wins.
    /// </summary>
    public static string CadenceChanged(Couple couple, Partner recipient) => Catalog.Render(
        "program.cadence-changed",
        ("partner", couple.Other(recipient).TextName),
        ("cadence", Rhythm.Describe(couple.Cadence)));

    /// <summary>
    /// The invitation: who invited them, what it is, how often it texts, costs, YES and STOP. A partner
    /// who signed up by SMS is shown with their masked number, so the recipient can tell who it is.
    /// </summary>
    public static string Invitation(Couple couple, Partner recipient)
    {
        var inviter = couple.Other(recipient);
        var from = couple.InitiatedBy == inviter.Key ? "from-partner"
            : string.IsNullOrWhiteSpace(couple.InvitedBy) ? "from-nobody"
            : "from-operator";
        var invitation = Catalog.RenderVariant(
            "program.invitation",
            from,
            ("name", recipient.TextName),
            ("partner", inviter.TextName),
            ("phone", PhoneMask.Mask(inviter.Phone)),
            ("invited-by", from == "from-operator" ? Gsm7.Transliterate(couple.InvitedBy!) : ""));
        // Nobody said which language they read: the invitation also says, in Spanish, how to start in it.
        return recipient.Language is null
            ? invitation + "\n" + MessageCatalog.For(Languages.Spanish).Render("program.invitation-other")
            : invitation;
    }

    /// <summary>The most an invitation can take with its line in the other language: two segments.</summary>
    public const int InvitationSegments = 2;

    /// <summary>The last reply of an SMS sign-up: the partner is invited; YES starts the sender's own texts.</summary>
    public static string Invited(string partnerName) => Catalog.Render("program.invited", ("partner", partnerName));

    /// <summary>
    /// The last reply to someone who joined with a pairing code: it names nobody, since the code's owner
    /// has not confirmed yet; their texts start when the owner does (the confirmation follows then).
    /// </summary>
    public static string PairingAsked => Catalog.Render("program.pairing-asked");

    /// <summary>
    /// The terms a partner agreed to with YES: the invitation, or for an SMS sign-up the reply that
    /// asked for YES.
    /// </summary>
    public static string Disclosure(Couple couple, Partner partner) => partner.Key != couple.InitiatedBy
        ? Invitation(couple, partner)
        : partner.Key == Couple.PartnerB ? PairingAsked : Invited(couple.Other(partner).TextName);

    /// <summary>The confirmation after YES: program, frequency, costs, HELP and STOP.</summary>
    public static string Confirmation(Partner recipient) => Catalog.Render(
        "program.confirmation",
        ("name", recipient.TextName),
        ("morning", recipient.Clock(recipient.MorningTime)),
        ("evening", recipient.Clock(recipient.EveningTime)));
}
