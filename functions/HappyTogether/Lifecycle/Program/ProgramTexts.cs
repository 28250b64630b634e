using HappyTogether.Model.Couples;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Lifecycle.Program;

/// <summary>The program's own texts (invitation, terms, confirmation, reveals off, the end), GSM-7 only.</summary>
public static class ProgramTexts
{
    /// <summary>Longest "invited by" an operator may set, so the invitation stays within two segments.</summary>
    public const int MaxInvitedByLength = 30;

    public const string RevealsOff = "Heads up: answers won't be shared for now. Your own ideas and questions keep coming.";
    public const string Ended = "HappyTogether has ended for you both and your data has been erased. Text JOIN anytime to start again.";

    /// <summary>What a partner reads when the other chose the cadence; worded from the couple as it is now, so a later change wins.</summary>
    public static string CadenceChanged(Couple couple, Partner recipient) =>
        $"{couple.Other(recipient).TextName} set your HappyTogether texts to come {Rhythm.Describe(couple.Cadence)}, for you both. Text DAILY, WEEKDAYS or EVERY 2 to change it.";

    /// <summary>
    /// The invitation: who invited them, what it is, how often it texts, costs, YES and STOP. A partner
    /// who signed up by SMS is shown with their masked number, so the recipient can tell who it is.
    /// </summary>
    public static string Invitation(Couple couple, Partner recipient)
    {
        var inviter = couple.Other(recipient);
        var other = inviter.TextName;
        var who = couple.InitiatedBy == inviter.Key ? $"{other} at {PhoneMask.Mask(inviter.Phone)} invited you to HappyTogether"
            : string.IsNullOrWhiteSpace(couple.InvitedBy) ? $"You and {other} are invited to HappyTogether"
            : $"{Gsm7.Transliterate(couple.InvitedBy)} invited you and {other} to HappyTogether";
        return $"Hi {recipient.TextName}! {who}: a small idea each morning, a question each evening, a recap on Sundays. "
            + "Reply YES to join, STOP to opt out. Msg & data rates may apply.";
    }

    /// <summary>The last reply of an SMS sign-up: the partner is invited, and YES starts the sender's own texts.</summary>
    public static string Invited(string partnerName) =>
        $"Done! We've invited {partnerName}. Reply YES to start your own texts: an idea each morning, a question each evening, a weekly recap. "
        + "Msg & data rates may apply. STOP to opt out.";

    /// <summary>
    /// The last reply to someone who joined with a pairing code: it names nobody, since the code's owner
    /// has not confirmed yet; their texts start when the owner does (the confirmation follows then).
    /// </summary>
    public const string PairingAsked =
        "Thanks! Your partner gets a text to confirm. Once they do: an idea each morning, a question each evening. Msg & data rates may apply. STOP to opt out.";

    /// <summary>The terms a partner agreed to with YES: the invitation, or for an SMS sign-up the reply that asked for YES.</summary>
    public static string Disclosure(Couple couple, Partner partner) => partner.Key != couple.InitiatedBy
        ? Invitation(couple, partner)
        : partner.Key == Couple.PartnerB ? PairingAsked : Invited(couple.Other(partner).TextName);

    /// <summary>The confirmation after YES: program, frequency, costs, HELP and STOP.</summary>
    public static string Confirmation(Partner recipient) =>
        $"You're in, {recipient.TextName}! HappyTogether texts you an idea at {recipient.Clock(recipient.MorningTime)} and a question at "
        + $"{recipient.Clock(recipient.EveningTime)} daily, plus a weekly recap. Msg & data rates may apply. HELP for help, STOP to opt out.";
}
