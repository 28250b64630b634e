using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.Text;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Model.Suppression;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Lifecycle.Consent;

/// <summary>Outcome of an opt-in request.</summary>
public enum OptInResult
{
    /// <summary>Recorded; the confirmation is on its way and the daily slots are armed.</summary>
    OptedIn,

    /// <summary>Already opted in: nothing changed.</summary>
    AlreadyOptedIn,

    /// <summary>The number belongs to no couple and has no invitation it can accept.</summary>
    UnknownNumber,

    /// <summary>Several invitations reached the number: the person has to say which one.</summary>
    WhichInvitation,
}

/// <summary>Opt-in and opt-out: the consent state, its log, and the daily slots that follow from it.</summary>
public sealed class ConsentService(
    CoupleStore couples,
    Invitations invitations,
    InvitationIndex invitationIndex,
    DueIndex due,
    OutboundQueue queue,
    SuppressionList suppressed,
    TimeProvider clock,
    ILogger<ConsentService> log)
{
    /// <summary>
    /// Opts the owner of <paramref name="phone"/> in: records when, how and the disclosure they agreed
    /// to, arms their morning and evening slots, and queues the confirmation text. A number that is no
    /// member yet joins the couple whose invitation reached it (<paramref name="coupleId"/> when several
    /// did): this YES, from the number itself, is what claims it.
    /// </summary>
    /// <param name="language">The language the partner said yes in ("SÍ": Spanish), kept when theirs was not known.</param>
    public async Task<OptInResult> OptInAsync(string phone, string method, CancellationToken ct = default, string? coupleId = null, string? language = null)
    {
        // Asking to start again takes the number off the suppression list, in a couple or not.
        await suppressed.RemoveAsync(phone, ct);
        var found = await couples.FindByPhoneAsync(phone, ct);
        if (found is null)
        {
            var open = await invitations.OpenForAsync(phone, ct);
            var chosen = coupleId is null ? (open.Count == 1 ? open[0] : null) : open.FirstOrDefault(o => o.Couple.Id == coupleId);
            if (chosen is null) return open.Count > 1 ? OptInResult.WhichInvitation : OptInResult.UnknownNumber;
            if (!await couples.TryClaimPhoneAsync(phone, chosen.Couple.Id, chosen.Invitee.Key, ct)) return OptInResult.UnknownNumber;
            // One couple at a time: the other invitations are answered by this one.
            await invitationIndex.RemoveAllAsync(phone, ct);
            found = (chosen.Couple, chosen.Invitee);
        }
        var key = found.Value.Partner.Key;
        var now = clock.GetUtcNow();
        // What they said yes to is the invitation as it reached them, before their answer told their language.
        string? invitation = null;
        if (language is not null && found.Value.Partner.Language is null)
        {
            // Written as the sender wrote it: in the language it knew then (none: English with its Spanish line).
            using (Languages.Use(found.Value.Partner.Language))
                invitation = ProgramTexts.Disclosure(found.Value.Couple, found.Value.Partner);
            await couples.MutateAsync(found.Value.Couple, c =>
            {
                c[key].Language ??= language;
                return true;
            }, ct);
        }
        var (couple, changed) = await OptInPartnerAsync(found.Value.Couple.Id, key, method, now, ct, invitation);
        if (couple is null) return OptInResult.UnknownNumber;
        // Someone who joined with this partner's code opted in with that JOIN: they start now that the code's owner has
        // confirmed.
        if (couple.JoinedByCode && key != couple.InitiatedBy && couple[couple.InitiatedBy!].Consent == ConsentState.Invited)
            await OptInPartnerAsync(couple.Id, couple.InitiatedBy!, "sms:join-code", now, ct);
        return changed ? OptInResult.OptedIn : OptInResult.AlreadyOptedIn;
    }

    /// <summary>Records the opt-in with the terms agreed to, arms the slots and queues the confirmation; the couple as
    /// saved (null when it is gone) and whether anything changed.</summary>
    private async Task<(Couple? Couple, bool Changed)> OptInPartnerAsync(string coupleId, string key, string method, DateTimeOffset now, CancellationToken ct, string? disclosed = null)
    {
        var (couple, changed) = await SetConsentAsync(coupleId, key, ConsentState.OptedIn, method, now, ct);
        if (couple is null || !changed) return (couple, changed);
        var partner = couple[key];
        // What they agreed to, as they read it.
        string disclosure;
        using (Languages.Use(partner.Language))
            disclosure = (disclosed ?? ProgramTexts.Disclosure(couple, partner)) + "\n" + ProgramTexts.Confirmation(partner);
        await couples.AddConsentRecordAsync(couple.Id, key, ConsentState.OptedIn, method, disclosure, now, ct);
        await due.ArmAsync(couple, partner, now, ct);
        await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.Confirmation, ZoneTime.LocalDate(now, partner.Zone), [key], Ref: $"{now.UtcTicks}"), ct);
        log.LogInformation("Couple {CoupleId} partner {Partner} opted in by {Method}.", couple.Id, key, method);
        return (couple, true);
    }

    /// <summary>Opts a partner out at once: no recurring text is sent to them until they opt in again.</summary>
    public async Task OptOutAsync(string coupleId, string partnerKey, string method, string reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (couple, changed) = await SetConsentAsync(coupleId, partnerKey, ConsentState.OptedOut, method, now, ct);
        if (couple is null) return;
        // First, and every time: the list outlives the couple, so a later enrollment cannot invite the number again.
        await suppressed.AddAsync(couple[partnerKey].Phone, method, ct);
        // Disarm even when already opted out, in case an earlier attempt stopped before this step.
        await due.DisarmAsync(coupleId, partnerKey, ct);
        if (!changed) return;
        await couples.AddConsentRecordAsync(coupleId, partnerKey, ConsentState.OptedOut, method, reason, now, ct);
        OpsMetrics.OptOut();
        log.LogInformation("Couple {CoupleId} partner {Partner} opted out by {Method}.", coupleId, partnerKey, method);
    }

    /// <summary>Opts a partner out because the provider reported their number as unsubscribed (error <paramref
    /// name="errorCode"/>).</summary>
    public Task OptOutByCarrierAsync(string coupleId, string partnerKey, int? errorCode, CancellationToken ct = default) =>
        OptOutAsync(coupleId, partnerKey, $"carrier:{errorCode}", "Twilio reported the number as unsubscribed.", ct);

    /// <summary>Sets a partner's consent state; "changed" is false when it already was that state.</summary>
    private async Task<(Couple? Couple, bool Changed)> SetConsentAsync(string coupleId, string key, ConsentState state, string method, DateTimeOffset now, CancellationToken ct)
    {
        var changed = false;
        var couple = await couples.MutateAsync(coupleId, c =>
        {
            // A couple being erased takes no new consent: nothing about it is written after the erasure read it.
            changed = c.ErasingSinceUtc is null && c[key].Consent != state;
            if (!changed) return false;
            c[key].Consent = state;
            c[key].ConsentChangedUtc = now;
            c[key].ConsentMethod = method;
            return true;
        }, ct);
        return (couple, changed);
    }
}
