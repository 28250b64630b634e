using Azure;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Text;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Erasure;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// An inbound SMS as Twilio's webhook describes it; <paramref name="OptOutType"/> is Advanced Opt-Out's
/// STOP, START or HELP.
/// </summary>
public sealed record InboundText(
    string From, string? Body, string MessageSid, int NumMedia = 0, string? OptOutType = null);

/// <summary>
/// Answers every inbound text: finds who is texting, hands a keyword to the handler of its family (by
/// the partner's consent state) and anything else to <see cref="Answering"/>; numbers that belong to
/// no couple go to <see cref="Strangers"/>. Returns the reply to send back, or null for none. A text
/// Twilio retries (same MessageSid) gets the same reply and changes nothing more.
/// </summary>
public sealed class Conversation(
    CoupleStore couples,
    Answers answers,
    Answering answering,
    PhoneNumberReader phones,
    Strangers strangers,
    Caring caring,
    CoupleErasure erasure,
    UnreachablePartners unreachable,
    IEnumerable<IKeywordHandler> handlers,
    TimeProvider clock,
    ILogger<Conversation> log)
{
    private readonly KeywordRoutes routes = new(handlers);

    public async Task<string?> HandleAsync(InboundText text, CancellationToken ct = default)
    {
        var phone = phones.TryNormalize(text.From, out var e164) ? e164 : text.From;
        var coupleId = await couples.FindCoupleIdAsync(phone, ct);
        if (coupleId is not null && PairingCodes.TryRead(text.Body, out _)
            && await JoinsElsewhereAsync(coupleId, phone, ct) is var (leaves, reply))
        {
            if (!leaves) return reply;
            coupleId = null;
        }
        for (var attempt = 1; coupleId is not null; attempt++)
        {
            var now = clock.GetUtcNow();
            // One read of the couple's partition: its profile, the retry check and everything an answer needs.
            var read = await answers.ReadRecentAsync(coupleId, now, ct);
            if (read.Couple is not { } couple)
            {
                // A profile still in the old table is moved by the point read; an index row left by an
                // erase names nobody.
                if (attempt == 1 && await couples.GetAsync(coupleId, ct) is not null) continue;
                break;
            }
            if (couple.Partners.FirstOrDefault(p => p.Phone == phone) is not { } partner) break;
            var today = ZoneTime.LocalDate(now, partner.Zone);
            var recent = read.Within(today);
            if (recent.ReplyTo(text.MessageSid) is { } earlier)
            {
                // The first attempt may have stopped before what its reply set off: do that again (it is idempotent).
                if (earlier.After is { } after)
                    await answering.ThenAsync(OutboundJob.ParseMessage(after)[0], earlier.AtUtc, ct);
                return earlier.Text;
            }

            var command = Keywords.Parse(text);
            // Paused because texts could not reach them: this text shows their phone works, so their texts resume
            // (RESUME does it itself, with its welcome back).
            if (partner.UnreachableOn is not null && command.Keyword != Keyword.Resume)
            {
                couple = await unreachable.ResumeAsync(couple, partner, ct);
                partner = couple[partner.Key];
            }
            log.LogInformation("Inbound {Keyword} from couple {CoupleId} partner {Partner} ({Phone}).",
                command.Keyword, couple.Id, partner.Key, PhoneMask.Mask(phone));
            Handled handled;
            // The reply, and whatever it sets off here, in the partner's language.
            using (Languages.Use(partner.Language))
                handled = await DispatchAsync(new PartnerText(text, command, couple, partner, recent, now), ct);
            // The other partner's answer came in at the same moment: read again and answer as the second.
            if (handled.Again)
            {
                if (attempt < 5) continue;
                // Never reached in practice (each round someone else's write went through); Twilio retries after a 503.
                throw new RequestFailedException(409, "The answer kept meeting concurrent writes.");
            }
            if (!handled.Stored)
            {
                var stored = new StoredReply(today, text.MessageSid, handled.Reply, now);
                await answers.SaveReplyAsync(couple.Id, stored, ct);
            }
            return handled.Reply;
        }
        return await strangers.HandleAsync(phone, text, ct);
    }

    /// <summary>The handler of the keyword's family in the partner's consent state, else the state's default.</summary>
    private async Task<Handled> DispatchAsync(PartnerText text, CancellationToken ct)
    {
        var state = text.Partner.Consent;
        var handled = routes.For(text.Command.Keyword, state) is { } handler
            ? await handler.HandleAsync(text, ct)
            : state switch
            {
                ConsentState.OptedIn => Handled.Answer,
                ConsentState.Invited => caring.DistressReply(text.Partner.Phone, text.Text.Body) ?? ReplyTexts.NotYetJoined,
                // After STOP, nothing goes to this number, not even an acknowledgement.
                _ => Handled.Silence,
            };
        // Keywords aside, every text is an answer, a note, a mood or a reaction; so is an opted-in partner's "Yes".
        return handled.IsAnswer ? await answering.AnswerAsync(text, ct) : handled;
    }

    /// <summary>
    /// A pairing code from a member: someone who never said YES to their couple (their own sign-up that
    /// nobody accepted yet) leaves it and joins with the code; anyone else stays where they are.
    /// </summary>
    private async Task<(bool Leaves, string? Reply)?> JoinsElsewhereAsync(
        string coupleId, string phone, CancellationToken ct)
    {
        if (await couples.GetAsync(coupleId, ct) is not { } couple
            || couple.Partners.FirstOrDefault(p => p.Phone == phone) is not { } partner) return null;
        if (partner.Consent == ConsentState.Invited && couple.Other(partner).Consent != ConsentState.OptedIn)
        {
            await erasure.EraseAsync(couple.Id, ct);
            log.LogInformation("Couple {CoupleId} partner {Partner} left an unaccepted sign-up to join with a code.",
                couple.Id, partner.Key);
            return (true, null);
        }
        return (false, partner.Consent == ConsentState.OptedIn ? ReplyTexts.AlreadyPaired : null);
    }
}
