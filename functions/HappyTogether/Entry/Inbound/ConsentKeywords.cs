using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>Opting in and out, and a text that may ask to stop: in each consent state, as it allows.</summary>
public sealed class ConsentKeywords(
    ConsentService consent, Answers answers, OutboundQueue queue)
    : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.OptIn, OptedIn, Invited, OptedOut),
        new(Keyword.OptOut, OptedIn, Invited),
        new(Keyword.MaybeOptOut, OptedIn, Invited),
    ];

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct) => text.Command.Keyword switch
    {
        Keyword.OptIn => await OptInAsync(text, ct),
        Keyword.OptOut => await OptOutAsync(text, ct),
        _ => await MaybeOptOutAsync(text, ct),
    };

    private async Task<Handled> OptInAsync(PartnerText text, CancellationToken ct)
    {
        var (couple, partner) = (text.Couple, text.Partner);
        // From a partner who is in, "Yes" answers the question; the other opt-in words are told they are in.
        if (partner.Consent == OptedIn)
            return Keywords.AnswersWhenIn(text.Body) ? Handled.Answer : ReplyTexts.AlreadyIn;
        if (WaitsForCodeOwner(couple, partner))
        {
            // Their JOIN with the code was their opt-in; they start once the code's owner confirms.
            return partner.Consent == Invited ? ReplyTexts.WaitingForPartner : Handled.Silence;
        }
        await consent.OptInAsync(partner.Phone, "sms:opt-in", ct);
        return Handled.Silence;
    }

    private async Task<Handled> OptOutAsync(PartnerText text, CancellationToken ct)
    {
        var (couple, partner, command) = (text.Couple, text.Partner, text.Command);
        if (partner.Consent == Invited)
        {
            await consent.OptOutAsync(couple.Id, partner.Key, "sms:stop", "Replied STOP to the invitation.", ct);
            return OptedOutReply(command);
        }
        var revealsWereOn = couple.RevealsOn;
        var why = command.InOwnWords ? "Asked to stop in their own words." : "Texted STOP.";
        await consent.OptOutAsync(couple.Id, partner.Key, "sms:stop", why, ct);
        var other = couple.Other(partner);
        if (revealsWereOn)
        {
            var on = ZoneTime.LocalDate(text.Now, other.Zone);
            await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.RevealsOff, on, [other.Key]), ct);
        }
        return OptedOutReply(command);
    }

    private async Task<Handled> MaybeOptOutAsync(PartnerText text, CancellationToken ct)
    {
        if (text.Partner.Consent == OptedIn)
        {
            // Kept, but never as an answer: it is not revealed, and the partner learns the one word that
            // stops everything.
            var note = new AnswerRecord(text.Today, text.Partner.Key, text.Body)
            {
                MessageSid = text.Text.MessageSid,
                ReceivedUtc = text.Now,
            };
            await answers.AddNoteAsync(text.Couple.Id, note, ct);
        }
        return ReplyTexts.ReplyStopToStop;
    }

    // Twilio confirms its own opt-out words; a request in the partner's own words gets the one confirmation from here.
    private static Handled OptedOutReply(Command command) => command.InOwnWords ? ReplyTexts.OptedOut : Handled.Silence;

    /// <summary>
    /// Someone who joined with a code, before the code's owner confirmed: nothing starts for them yet, so
    /// nothing names the owner.
    /// </summary>
    private static bool WaitsForCodeOwner(Couple couple, Partner partner) =>
        couple.JoinedByCode && partner.Key == couple.InitiatedBy && couple.Other(partner).Consent != OptedIn;
}
