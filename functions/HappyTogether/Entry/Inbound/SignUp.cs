using System.Text.RegularExpressions;
using Azure.Data.Tables;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Storage;
using HappyTogether.Foundation.Text;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// The sign-up dialogue, for numbers that belong to no couple. JOIN starts it: your first name, then
/// either your partner texts "JOIN" with the pairing code you were given, or you send their mobile
/// number and first name and they get one invitation (within <see cref="InvitationLimits"/>). Naming
/// them claims nothing, and the last reply reads the same whether the number was free, taken, asked
/// to stop or held back by a limit. Anything else gets one pointer on how to join, at most once a day. Rows are keyed
/// by a keyed hash of the number; the dialogue keeps the names only until it ends or expires after 24 hours.
/// </summary>
public sealed partial class SignUp(
    Tables tables,
    Enrollment enrollment,
    PairingCodes codes,
    PhoneNumberReader phones,
    NumberHash hash,
    TimeProvider clock,
    ILogger<SignUp> log)
{
    private const string DialogueRow = "dialogue";
    private const string PointerRow = "pointer";
    private static readonly TimeSpan DialogueLifetime = TimeSpan.FromHours(24);

    private enum Step { Name, PartnerPhone, PartnerName, JoinerName }

    /// <param name="phone">The sender, a number in no couple (<see cref="Strangers"/> has let the text
    /// through).</param>
    /// <param name="text">The text.</param>
    /// <param name="invited">An invitation reached the number: outside a dialogue it is pointed to YES instead of
    /// JOIN.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> HandleAsync(string phone, InboundText text, bool invited, CancellationToken ct = default)
    {
        var key = hash.Of(phone);
        var now = clock.GetUtcNow();
        var command = Keywords.Parse(text);
        var dialogue = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(key, DialogueRow, cancellationToken: ct);
        var state = dialogue.HasValue ? dialogue.Value : null;
        if (state is not null && now - state.GetDateTimeOffset("StartedUtc") > DialogueLifetime)
        {
            await tables.SignUps.DeleteEntityAsync(key, DialogueRow, cancellationToken: ct);
            state = null;
        }
        if (state is not null && state.GetString("LastSid") == text.MessageSid) return state.GetString("LastReply");

        if (PairingCodes.TryRead(text.Body, out var given))
        {
            // "UNIRME 1234...": the joiner's texts in Spanish.
            var joining = Keywords.SignUpLanguage(text.Body!.Trim().Split(' ', 2)[0]);
            using (Languages.Use(joining))
                return await JoinAsync(phone, key, given, text.MessageSid, now, joining, ct);
        }
        if (state is null && Keywords.SignUpLanguage(text.Body) is { } language)
        {
            // The dialogue, and the couple it makes, speak the language of the word that started it.
            state = new TableEntity(key, DialogueRow) { ["Step"] = Step.Name.ToString(), ["StartedUtc"] = now, ["Language"] = language };
            using (Languages.Use(language))
                return await SaveAsync(state, text.MessageSid, SignUpTexts.AskName, ct);
        }
        if (state is null) return await PointerAsync(key, text.MessageSid, now, invited ? ReplyTexts.NotYetJoined : ReplyTexts.UnknownNumber, ct);

        using var speaking = Languages.Use(state.GetString("Language"));
        var body = (text.Body ?? "").Trim();
        switch (Enum.Parse<Step>(state.GetString("Step")))
        {
            case Step.Name:
                if (!ValidName(body)) return await SaveAsync(state, text.MessageSid, SignUpTexts.NameHint, ct);
                var code = await codes.CreateAsync(phone, body, ct);
                state["Name"] = body;
                state["Code"] = code;
                state["Step"] = Step.PartnerPhone.ToString();
                return await SaveAsync(state, text.MessageSid, SignUpTexts.AskPartnerPhone(body, code), ct);

            case Step.PartnerPhone:
                if (!phones.TryNormalizeFrom(phone, body, out var partnerPhone) || !phones.IsSignUpMobile(partnerPhone))
                    return await SaveAsync(state, text.MessageSid, SignUpTexts.PhoneHint(state.GetString("Code")), ct);
                if (partnerPhone == phone) return await SaveAsync(state, text.MessageSid, SignUpTexts.OwnNumber, ct);
                state["PartnerPhone"] = partnerPhone;
                state["Step"] = Step.PartnerName.ToString();
                return await SaveAsync(state, text.MessageSid, SignUpTexts.AskPartnerName, ct);

            case Step.PartnerName:
                if (!ValidName(body)) return await SaveAsync(state, text.MessageSid, SignUpTexts.NameHint, ct);
                return await InviteAsync(phone, key, state, body, text.MessageSid, ct);

            default:
                if (!ValidName(body)) return await SaveAsync(state, text.MessageSid, SignUpTexts.NameHint, ct);
                return await PairAsync(phone, key, state, body, text.MessageSid, ct);
        }
    }

    /// <summary>Ends the number's dialogue and withdraws the code it was given (a stop, or YES to an
    /// invitation).</summary>
    public async Task ForgetAsync(string phone, CancellationToken ct = default)
    {
        var key = hash.Of(phone);
        var dialogue = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(key, DialogueRow, cancellationToken: ct);
        if (!dialogue.HasValue) return;
        if (dialogue.Value!.GetString("Code") is { } code) await codes.DeleteAsync(code, ct);
        await tables.SignUps.DeleteEntityAsync(key, DialogueRow, cancellationToken: ct);
    }

    /// <summary>The last step by number: enrolls the couple and invites the partner where the limits allow; the reply
    /// never says which.</summary>
    private async Task<string> InviteAsync(string phone, string key, TableEntity state, string partnerName, string messageSid, CancellationToken ct)
    {
        var partnerPhone = state.GetString("PartnerPhone");
        var result = await enrollment.EnrollAsync(
            new EnrollmentRequest(
                [new PartnerRequest(state.GetString("Name"), phone, phones.ZoneOf(phone), state.GetString("Language")), new PartnerRequest(partnerName, partnerPhone, phones.ZoneOf(partnerPhone))],
                phones.ZoneOf(phone), null, null, null),
            initiatedBy: Couple.PartnerA,
            limited: true,
            ct: ct);
        if (result is EnrollmentResult.Invalid)
        {
            state["Step"] = Step.Name.ToString();
            return await SaveAsync(state, messageSid, SignUpTexts.StartOver, ct);
        }
        // Enrolled, or the number belongs to another couple: the same reply, so no one learns who is signed up.
        await codes.DeleteAsync(state.GetString("Code"), ct);
        await tables.SignUps.DeleteEntityAsync(key, DialogueRow, cancellationToken: ct);
        log.LogInformation("Sign-up by SMS from {Phone} {Outcome}.", PhoneMask.Mask(phone), result is EnrollmentResult.Enrolled ? "enrolled a couple" : "named a number already enrolled");
        return ProgramTexts.Invited(Gsm7.Transliterate(partnerName));
    }

    /// <summary>"JOIN 1234 5678 9012": the partner who was given the code asks to join (their opt-in); their first name
    /// comes next.</summary>
    private async Task<string?> JoinAsync(string phone, string key, string code, string messageSid, DateTimeOffset now, string? language, CancellationToken ct)
    {
        if (await codes.FindAsync(code, phone, ct) is null) return SignUpTexts.WrongCode;
        var state = new TableEntity(key, DialogueRow) { ["Step"] = Step.JoinerName.ToString(), ["StartedUtc"] = now, ["Code"] = code, ["Language"] = language };
        return await SaveAsync(state, messageSid, SignUpTexts.AskJoinerName, ct);
    }

    /// <summary>
    /// The joiner's name: enrolls the couple. The partner who gave out the code gets the invitation,
    /// having asked for it, and their YES pairs them and starts both (the joiner's JOIN was their
    /// opt-in). Until then the joiner learns nothing about them, not even their name.
    /// </summary>
    private async Task<string> PairAsync(string phone, string key, TableEntity state, string name, string messageSid, CancellationToken ct)
    {
        var code = state.GetString("Code");
        if (await codes.FindAsync(code, phone, ct) is not { } waiting)
        {
            await tables.SignUps.DeleteEntityAsync(key, DialogueRow, cancellationToken: ct);
            return SignUpTexts.WrongCode;
        }
        // The one who gave out the code speaks the language their own sign-up started in.
        var theirs = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(hash.Of(waiting.Phone), DialogueRow, cancellationToken: ct);
        var theirLanguage = theirs.HasValue ? theirs.Value!.GetString("Language") : null;
        // A code pairs once: of two joiners racing with it, only the one whose delete goes through enrolls.
        var used = await codes.TryUseAsync(code, ct);
        await tables.SignUps.DeleteEntityAsync(key, DialogueRow, cancellationToken: ct);
        if (!used) return SignUpTexts.WrongCode;
        var result = await enrollment.EnrollAsync(
            new EnrollmentRequest(
                [new PartnerRequest(waiting.Name, waiting.Phone, phones.ZoneOf(waiting.Phone), theirLanguage), new PartnerRequest(name, phone, phones.ZoneOf(phone), state.GetString("Language"))],
                phones.ZoneOf(waiting.Phone), null, null, null),
            initiatedBy: Couple.PartnerB,
            ct: ct);
        if (result is not EnrollmentResult.Enrolled) return SignUpTexts.WrongCode;
        await tables.SignUps.DeleteEntityAsync(hash.Of(waiting.Phone), DialogueRow, cancellationToken: ct);
        log.LogInformation("Sign-up by pairing code from {Phone} enrolled a couple.", PhoneMask.Mask(phone));
        return ProgramTexts.PairingAsked;
    }

    /// <summary>The how-to-join pointer, at most once per number and UTC day; a retry of the same message gets it
    /// again.</summary>
    private async Task<string?> PointerAsync(string key, string messageSid, DateTimeOffset now, string pointer, CancellationToken ct)
    {
        var day = DateKey.Of(DateOnly.FromDateTime(now.UtcDateTime));
        var last = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(key, PointerRow, cancellationToken: ct);
        if (last.HasValue && last.Value!.GetString("Day") == day)
            return last.Value.GetString("Sid") == messageSid ? pointer : null;
        await tables.SignUps.UpsertEntityAsync(new TableEntity(key, PointerRow) { ["Day"] = day, ["Sid"] = messageSid, ["ExpiresUtc"] = now.AddDays(2) }, TableUpdateMode.Replace, ct);
        return pointer;
    }

    private async Task<string> SaveAsync(TableEntity state, string messageSid, string reply, CancellationToken ct)
    {
        state["LastSid"] = messageSid;
        state["LastReply"] = reply;
        state["ExpiresUtc"] = state.GetDateTimeOffset("StartedUtc") + DialogueLifetime;
        await tables.SignUps.UpsertEntityAsync(state, TableUpdateMode.Replace, ct);
        return reply;
    }

    /// <summary>A first name: letters, with single spaces, hyphens or apostrophes between them; no digits, dots or
    /// links, so it cannot carry one into an invitation.</summary>
    public static bool ValidName(string name) =>
        name.Length is > 0 and <= Enrollment.MaxNameLength && NameShape().IsMatch(name) && Keywords.Parse(name).Keyword == Keyword.None;

    [GeneratedRegex(@"^\p{L}\p{M}*(?:[ '’-]?\p{L}\p{M}*)*$")]
    private static partial Regex NameShape();
}
