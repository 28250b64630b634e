using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using HappyTogether.Couples;
using HappyTogether.Enrolments;
using HappyTogether.Phones;
using HappyTogether.Programme;
using HappyTogether.Storage;
using HappyTogether.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HappyTogether.Replies;

/// <summary>
/// Texts from numbers that belong to no couple. JOIN starts a short dialogue (your first name, your
/// partner's number, their first name) that enrols the couple and invites the partner; anything else
/// gets one pointer on how to join, at most once a day. Rows are keyed by a keyed hash of the number;
/// the dialogue keeps the names only until it ends or expires after 24 hours.
/// </summary>
public sealed class SignUp(
    Tables tables,
    Enrolment enrolment,
    PhoneNumberReader phones,
    IOptions<HappyTogetherOptions> options,
    TimeProvider clock,
    ILogger<SignUp> log)
{
    private const string DialogueRow = "dialogue";
    private const string PointerRow = "pointer";
    private static readonly TimeSpan DialogueLifetime = TimeSpan.FromHours(24);

    private enum Step { Name, PartnerPhone, PartnerName }

    public async Task<string?> HandleAsync(string phone, InboundText text, CancellationToken ct = default)
    {
        var key = Hash(phone);
        var now = clock.GetUtcNow();
        var command = Keywords.Parse(text.Body);
        var dialogue = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(key, DialogueRow, cancellationToken: ct);
        var state = dialogue.HasValue ? dialogue.Value : null;
        if (state is not null && now - state.GetDateTimeOffset("StartedUtc") > DialogueLifetime)
        {
            await tables.SignUps.DeleteEntityAsync(key, DialogueRow, cancellationToken: ct);
            state = null;
        }
        if (state is not null && state.GetString("LastSid") == text.MessageSid) return state.GetString("LastReply");

        if (command.Keyword == Keyword.OptOut)
        {
            if (state is not null) await tables.SignUps.DeleteEntityAsync(key, DialogueRow, cancellationToken: ct);
            return null;
        }
        if (command.Keyword == Keyword.Help) return ReplyTexts.Help;
        if (command.Keyword == Keyword.MaybeOptOut) return ReplyTexts.ReplyStopToStop;
        if (state is null && command.Keyword == Keyword.OptIn && Keywords.Letters(text.Body ?? "") == "JOIN")
        {
            state = new TableEntity(key, DialogueRow) { ["Step"] = Step.Name.ToString(), ["StartedUtc"] = now };
            return await SaveAsync(state, text.MessageSid, SignUpTexts.AskName, ct);
        }
        if (state is null) return await PointerAsync(key, text.MessageSid, now, ct);

        var body = (text.Body ?? "").Trim();
        switch (Enum.Parse<Step>(state.GetString("Step")))
        {
            case Step.Name:
                if (!ValidName(body)) return await SaveAsync(state, text.MessageSid, SignUpTexts.NameHint, ct);
                state["Name"] = body;
                state["Step"] = Step.PartnerPhone.ToString();
                return await SaveAsync(state, text.MessageSid, SignUpTexts.AskPartnerPhone(body), ct);

            case Step.PartnerPhone:
                if (!phones.TryNormalizeFrom(phone, body, out var partnerPhone)) return await SaveAsync(state, text.MessageSid, SignUpTexts.PhoneHint, ct);
                if (partnerPhone == phone) return await SaveAsync(state, text.MessageSid, SignUpTexts.OwnNumber, ct);
                state["PartnerPhone"] = partnerPhone;
                state["Step"] = Step.PartnerName.ToString();
                return await SaveAsync(state, text.MessageSid, SignUpTexts.AskPartnerName, ct);

            default:
                if (!ValidName(body)) return await SaveAsync(state, text.MessageSid, SignUpTexts.NameHint, ct);
                var result = await enrolment.EnrolAsync(
                    new EnrolmentRequest(
                        [new PartnerRequest(state.GetString("Name"), phone, phones.ZoneOf(phone)), new PartnerRequest(body, state.GetString("PartnerPhone"), phones.ZoneOf(state.GetString("PartnerPhone")))],
                        phones.ZoneOf(phone), null, null, null),
                    initiatedBy: Couple.PartnerA,
                    ct);
                switch (result)
                {
                    case EnrolmentResult.Enrolled:
                        await tables.SignUps.DeleteEntityAsync(key, DialogueRow, cancellationToken: ct);
                        log.LogInformation("Sign-up by SMS from {Phone} enrolled a couple.", PhoneMask.Mask(phone));
                        return ProgramTexts.Invited(Gsm7.Transliterate(body));
                    case EnrolmentResult.Conflict:
                        state["Step"] = Step.PartnerPhone.ToString();
                        return await SaveAsync(state, text.MessageSid, SignUpTexts.PartnerTaken, ct);
                    default:
                        state["Step"] = Step.Name.ToString();
                        return await SaveAsync(state, text.MessageSid, SignUpTexts.StartOver, ct);
                }
        }
    }

    /// <summary>The how-to-join pointer, at most once per number and UTC day; a retry of the same message gets it again.</summary>
    private async Task<string?> PointerAsync(string key, string messageSid, DateTimeOffset now, CancellationToken ct)
    {
        var day = DateKey.Of(DateOnly.FromDateTime(now.UtcDateTime));
        var last = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(key, PointerRow, cancellationToken: ct);
        if (last.HasValue && last.Value!.GetString("Day") == day)
            return last.Value.GetString("Sid") == messageSid ? ReplyTexts.UnknownNumber : null;
        await tables.SignUps.UpsertEntityAsync(new TableEntity(key, PointerRow) { ["Day"] = day, ["Sid"] = messageSid }, TableUpdateMode.Replace, ct);
        return ReplyTexts.UnknownNumber;
    }

    private async Task<string> SaveAsync(TableEntity state, string messageSid, string reply, CancellationToken ct)
    {
        state["LastSid"] = messageSid;
        state["LastReply"] = reply;
        await tables.SignUps.UpsertEntityAsync(state, TableUpdateMode.Replace, ct);
        return reply;
    }

    private static bool ValidName(string name) => name.Length is > 0 and <= Enrolment.MaxNameLength && name.Any(char.IsLetter) && Keywords.Parse(name).Keyword == Keyword.None;

    /// <summary>A keyed hash, so the table never holds the number itself.</summary>
    private string Hash(string phone)
    {
        var key = Encoding.UTF8.GetBytes(options.Value.TwilioAuthToken ?? "happytogether");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(phone)));
    }
}

/// <summary>The sign-up dialogue's texts.</summary>
public static class SignUpTexts
{
    public const string AskName = "Welcome to HappyTogether! What's your first name?";
    public const string NameHint = "Please send just a first name (up to 20 letters).";
    public const string PhoneHint = "That doesn't look like a mobile number. Send it with the country code, e.g. +1 312 555 0123.";
    public const string OwnNumber = "That's your own number. What's your partner's number?";
    public const string AskPartnerName = "And your partner's first name?";
    public const string PartnerTaken = "That number is already signed up. Send another number, or STOP to cancel.";
    public const string StartOver = "Something didn't fit. Let's start again: what's your first name?";

    public static string AskPartnerPhone(string name) => Gsm7.Transliterate(name) is { Length: > 0 } spelled
        ? $"Thanks, {spelled}! What's your partner's mobile number?"
        : "Thanks! What's your partner's mobile number?";
}
