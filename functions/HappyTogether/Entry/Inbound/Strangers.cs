using System.Text.RegularExpressions;
using Azure.Data.Tables;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Storage;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Suppression;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// Texts from numbers that belong to no couple. A stop is honored from anyone. Anything else is
/// answered only for a mobile number in the countries the service signs up, within a few segments a
/// day in all (<see cref="HappyTogetherOptions.StrangerSegmentsPerDay"/>), so the number cannot be
/// used to send texts abroad or to pump SMS. YES answers an invitation that reached the number (this
/// is what makes it a partner); the rest is the sign-up dialogue (<see cref="SignUp"/>).
/// </summary>
public sealed partial class Strangers(
    SignUp signUp,
    Invitations invitations,
    InvitationIndex invitationIndex,
    ConsentService consent,
    OutboundQueue queue,
    Answers answers,
    SuppressionList suppressed,
    PhoneNumberReader phones,
    NumberHash hash,
    Tables tables,
    Caring caring,
    IOptions<HappyTogetherOptions> options,
    TimeProvider clock,
    ILogger<Strangers> log)
{
    private const string DeleteRow = "delete";

    public async Task<string?> HandleAsync(string phone, InboundText text, CancellationToken ct = default)
    {
        var command = Keywords.Parse(text);
        if (command.Keyword == Keyword.OptOut)
        {
            // A stranger who says stop is never invited by anyone, and every invitation to them is declined.
            await signUp.ForgetAsync(phone, ct);
            foreach (var invitation in await invitationIndex.RemoveAllAsync(phone, ct))
                await consent.OptOutAsync(invitation.CoupleId, invitation.PartnerKey, "sms:stop", "Replied STOP to the invitation.", ct);
            await suppressed.AddAsync(phone, "sms:stop", ct);
            return command.InOwnWords && phones.IsSignUpMobile(phone) ? await WithinBudgetAsync(phone, text.MessageSid, ReplyTexts.OptedOut, ct) : null;
        }
        if (!phones.IsSignUpMobile(phone)) return null;
        // After STOP nothing goes to the number until it opts in again (START, YES, JOIN, a pairing code); HELP, and
        // the MORE it points to, are still answered.
        if (command.Keyword is not (Keyword.OptIn or Keyword.Help or Keyword.More) && await suppressed.ContainsAsync(phone, ct)) return null;
        return await WithinBudgetAsync(phone, text.MessageSid, await ReplyAsync(phone, command, text, ct), ct);
    }

    private async Task<string?> ReplyAsync(string phone, Command command, InboundText text, CancellationToken ct)
    {
        // Nobody knows this number's language: a keyword in Spanish ("AYUDA") is answered in Spanish.
        using var language = HappyTogether.Foundation.Text.Languages.Use(Keywords.LanguageOf(text.Body));
        // Asking to join (START, JOIN, a pairing code) takes the number off the suppression list.
        if (command.Keyword == Keyword.OptIn) await suppressed.RemoveAsync(phone, ct);
        // A pairing code first, whatever else the number has going on.
        if (PairingCodes.TryRead(text.Body, out _)) return await signUp.HandleAsync(phone, text, invited: false, ct);
        // Distress gets the crisis line from anyone, in a couple or not.
        if (caring.DistressReply(phone, text.Body) is { } care) return care;
        switch (command.Keyword)
        {
            case Keyword.Help:
                // Twilio's Advanced Opt-Out answered this HELP itself (OptOutType): one reply is enough.
                return command.AnsweredByTwilio ? null : ReplyTexts.StrangerHelp(options.Value.OperatorContact);
            case Keyword.More:
                return ReplyTexts.More;
            case Keyword.MaybeOptOut:
                return ReplyTexts.ReplyStopToStop;
        }
        var open = await invitations.OpenForAsync(phone, ct);
        if (open.Count > 0 && command.Keyword is Keyword.Delete or Keyword.DeleteYes) return await DeclineAsync(phone, open, command.Keyword, ct);
        var picked = PickedInvitation(text.Body, open);
        if (open.Count > 0 && (Keywords.Letters(HappyTogether.Foundation.Text.Normalized.Folded(text.Body ?? "")) is "YES" or "SI" || picked is not null))
            return await AcceptAsync(phone, open, open.Count == 1 ? open[0] : picked, text, ct);
        return await signUp.HandleAsync(phone, text, invited: open.Count > 0, ct);
    }

    /// <summary>The invitee's own YES: they join the couple whose invitation reached them, or say which one when
    /// several did.</summary>
    private async Task<string?> AcceptAsync(string phone, IReadOnlyList<OpenInvitation> open, OpenInvitation? chosen, InboundText text, CancellationToken ct)
    {
        if (chosen is null) return ReplyTexts.WhichInvitation(open.Select(o => o.Inviter).ToList());
        var now = clock.GetUtcNow();
        // "Sí" starts them in Spanish, "YES" in English, when the invitation did not know their language: the language
        // the reply is written in (ReplyAsync reads it from the keyword).
        var result = await consent.OptInAsync(phone, "sms:opt-in", ct, chosen.Couple.Id, HappyTogether.Foundation.Text.Languages.Current);
        if (result is not (OptInResult.OptedIn or OptInResult.AlreadyOptedIn)) return ReplyTexts.UnknownNumber;
        // Stored under the text's id once the opt-in is complete, so that Twilio's retry, which finds a
        // partner now, gets the same (empty) reply; a retry after a failure half-way opts in again instead.
        await answers.SaveReplyAsync(chosen.Couple.Id, new StoredReply(ZoneTime.LocalDate(now, chosen.Invitee.Zone), text.MessageSid, null, now), ct);
        await signUp.ForgetAsync(phone, ct);
        log.LogInformation("Couple {CoupleId} partner {Partner} accepted the invitation.", chosen.Couple.Id, chosen.Invitee.Key);
        // The confirmation is on its way from the queue.
        return null;
    }

    /// <summary>
    /// DELETE, then DELETE YES within ten minutes, from someone invited: every couple that named them
    /// is erased, and the other partner is told it ended where they had joined.
    /// </summary>
    private async Task<string> DeclineAsync(string phone, IReadOnlyList<OpenInvitation> open, string keyword, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = hash.Of(phone);
        if (keyword == Keyword.Delete)
        {
            await tables.SignUps.UpsertEntityAsync(new TableEntity(key, DeleteRow) { ["AskedUtc"] = now, ["ExpiresUtc"] = now + EraseKeywords.DeleteWindow }, TableUpdateMode.Replace, ct);
            return ReplyTexts.DeleteAsk;
        }
        var asked = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(key, DeleteRow, cancellationToken: ct);
        if (!asked.HasValue || now - asked.Value!.GetDateTimeOffset("AskedUtc") > EraseKeywords.DeleteWindow) return ReplyTexts.DeleteFirst;
        foreach (var invitation in open)
        {
            var other = invitation.Inviter;
            await queue.EnqueueAsync(new OutboundJob(invitation.Couple.Id, TextKind.Ended, ZoneTime.LocalDate(now, other.Zone), [other.Key]), ct);
        }
        await invitationIndex.RemoveAllAsync(phone, ct);
        await tables.SignUps.DeleteEntityAsync(key, DeleteRow, cancellationToken: ct);
        return ReplyTexts.DeleteDone;
    }

    /// <summary>"YES 0199": the invitation whose other partner's number ends in those digits.</summary>
    private static OpenInvitation? PickedInvitation(string? body, IReadOnlyList<OpenInvitation> open)
    {
        var match = YesWithDigits().Match(body ?? "");
        if (!match.Success) return null;
        var picked = open.Where(o => o.Inviter.Phone.EndsWith(match.Groups[1].Value, StringComparison.Ordinal)).ToList();
        return picked.Count == 1 ? picked[0] : null;
    }

    /// <summary>
    /// The reply if the number's segments today leave room for it, else nothing. Counted atomically per
    /// number and UTC day; Twilio's retry of the same text gets its reply again without counting twice.
    /// </summary>
    private async Task<string?> WithinBudgetAsync(string phone, string messageSid, string? reply, CancellationToken ct)
    {
        if (reply is null) return null;
        var now = clock.GetUtcNow();
        var row = $"replies|{DateKey.Of(DateOnly.FromDateTime(now.UtcDateTime))}";
        if (await Counters.TryAddAsync(tables.SignUps, hash.Of(phone), row, HappyTogether.Foundation.Text.Gsm7.Segments(reply), options.Value.StrangerSegmentsPerDay, now.AddDays(2), ct, tag: messageSid))
            return reply;
        log.LogInformation("No reply to {Phone}: today's segments for numbers outside a couple are spent.", PhoneMask.Mask(phone));
        return null;
    }

    [GeneratedRegex(@"^\W*(?:yes|s[ií])\W*(\d{4})\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YesWithDigits();
}
