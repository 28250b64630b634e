using Azure.Data.Tables;
using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Text;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Entry.Sending;

/// <summary>
/// Sends the texts of one outbound job, each at most once. Whether a text may go out and what it says
/// come from its kind (<see cref="IOutboundText"/>). A history row keyed by couple, date, kind and
/// partner is claimed before sending and completed after; a retry that finds a claim still "sending"
/// first asks the provider whether the earlier attempt went out. A text that is not a direct reply
/// and finds its recipient asleep is held in the due index until 07:00 their time, or dropped, as its
/// kind says (<see cref="NightRule"/>).
/// </summary>
public sealed class OutboundSender(
    CoupleStore couples,
    HistoryStore history,
    ConsentService consent,
    IEnumerable<IOutboundText> kinds,
    SmsRetry sms,
    SendRateGuard rate,
    OutboundQueue queue,
    DueIndex due,
    TimeProvider clock,
    ILogger<OutboundSender> log)
{
    /// <summary>
    /// How long a claim still "sending" belongs to the attempt that made it. Longer than one attempt
    /// can take (4 tries of at most 10 s plus backoff), shorter than the queue's five redeliveries.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, IOutboundText> byKind = kinds.ToDictionary(k => k.Kind);

    /// <summary>
    /// Handles the jobs of one queue message side by side. A failed job fails the message once the
    /// others have finished; the retry finds their texts already claimed.
    /// </summary>
    public async Task HandleAsync(IReadOnlyList<OutboundJob> jobs, CancellationToken ct = default)
    {
        var handling = jobs.Select(job => HandleJobAsync(job, ct)).ToList();
        try
        {
            await Task.WhenAll(handling);
        }
        finally
        {
            // Texts that got no turn under the send-rate guard return as a new, delayed message: a wait
            // for throughput then never counts towards the poison queue.
            var deferred = handling.Where(h => h.IsCompletedSuccessfully && h.Result is not null).Select(h => h.Result!).ToList();
            if (deferred.Count > 0)
            {
                var texts = deferred.Sum(d => d.Partners.Count);
                var delay = rate.DelayFor(texts, deferred.Max(d => d.Deferrals));
                await queue.EnqueueAsync(deferred, delay, ct);
                log.LogInformation("Send rate reached: {Texts} texts of {Jobs} jobs return to the queue in {Delay}.", texts, deferred.Count, delay);
            }
        }
    }

    public Task HandleAsync(OutboundJob job, CancellationToken ct = default) => HandleAsync([job], ct);

    /// <summary>Sends one job's texts; returns the job for the partners the send-rate guard held back, or
    /// null.</summary>
    private async Task<OutboundJob?> HandleJobAsync(OutboundJob job, CancellationToken ct)
    {
        var kind = byKind.GetValueOrDefault(job.Kind);
        var couple = kind is null ? null : await kind.ReadCoupleAsync(couples, job, ct);
        if (kind is null || couple is null)
        {
            log.LogInformation("Dropped {Kind} for couple {CoupleId}: {Reason}.", job.Kind, job.CoupleId, kind is null ? "no such kind" : "the couple no longer exists");
            return null;
        }
        if (couple.ErasingSinceUtc is not null && !kind.SentWhileErasing)
        {
            // Nothing more goes out to a couple being erased but its farewell, whose handling finishes the erasure.
            log.LogInformation("Dropped {Kind} for couple {CoupleId}: the couple is being erased.", job.Kind, job.CoupleId);
            return null;
        }

        var composed = new List<(Partner Partner, ComposedText Text)>();
        var asleep = new List<Partner>();
        var now = clock.GetUtcNow();
        foreach (var partner in job.Partners.Distinct().Select(key => couple[key]))
        {
            if (kind.WhyNot(couple, partner, job, now) is { } reason)
                log.LogInformation("Skipped {Kind} {Date} for couple {CoupleId} partner {Partner}: {Reason}.", job.Kind, job.Date, couple.Id, partner.Key, reason);
            else if (kind.AtNight != NightRule.Send && !WakingWindow.IsAwake(now, partner.Zone))
            {
                if (kind.AtNight == NightRule.Hold) asleep.Add(partner);
                else log.LogInformation("Skipped {Kind} {Date} for couple {CoupleId} partner {Partner}: outside waking hours.", job.Kind, job.Date, couple.Id, partner.Key);
            }
            else if (await ComposeInLanguageAsync(kind, couple, partner, job, ct) is { } text)
                composed.Add((partner, text));
            else
                log.LogInformation("Nothing to send for {Kind} {Date} to couple {CoupleId} partner {Partner}.", job.Kind, job.Date, couple.Id, partner.Key);
        }

        // Partners who wake at the same moment wait in one held job.
        foreach (var wake in asleep.GroupBy(p => now + WakingWindow.WaitFrom(now, p.Zone)))
        {
            await due.HoldAsync(job with { Partners = wake.Select(p => p.Key).ToList() }, wake.Key, ct);
            log.LogInformation("Held {Kind} {Date} for couple {CoupleId} partners {Partners} for {Minutes} minutes, until their waking hours.", job.Kind, job.Date, couple.Id, string.Join(",", wake.Select(p => p.Key)), (int)(wake.Key - now).TotalMinutes);
        }

        // Take the turns before claiming: a text held back leaves no claim, so its return needs no check with Twilio.
        var turns = await Task.WhenAll(composed.Select(_ => rate.TryTakeTurnAsync(ct)));
        var heldBack = composed.Where((_, i) => !turns[i]).Select(c => c.Partner.Key).ToList();
        var sending = composed.Where((_, i) => turns[i]).ToList();
        if (sending.Count > 0)
        {
            try
            {
                await SendAllAsync(couple, job, kind, sending, now, ct);
            }
            catch (Exception e) when (kind.HandledEvenIfUnsent && e is not OperationCanceledException)
            {
                log.LogWarning("{Kind} {Date} for couple {CoupleId} could not be sent ({Error}); going on without it.", job.Kind, job.Date, couple.Id, e.GetType().Name);
            }
        }

        if (heldBack.Count > 0)
            return job with { Partners = heldBack, Deferrals = job.Deferrals + 1 };
        await kind.HandledAsync(couple, job, ct);
        return null;
    }

    /// <summary>Both partners' claims in one transaction, their texts sent side by side, their outcomes in one
    /// more.</summary>
    private async Task SendAllAsync(Couple couple, OutboundJob job, IOutboundText kind, List<(Partner Partner, ComposedText Text)> sending, DateTimeOffset now, CancellationToken ct)
    {
        // This handling of the job: what its claims and take-overs are held under.
        var attempt = Guid.NewGuid().ToString("N");
        // Partners composed from the same picks carry the same write: it goes in once.
        var storeWith = sending.Select(s => s.Text.StoreWithClaim).OfType<TableTransactionAction>().Distinct().ToList();
        var claims = await history.ClaimAllAsync(couple.Id, sending.Select(s =>
            new OutboundRecord(job.Date, job.Kind, s.Partner.Key) { PromptId = s.Text.PromptId, ClaimedUtc = now, Attempt = attempt, AttemptUtc = now, Ref = job.Ref }).ToList(), storeWith, ct);
        var attempts = sending.Zip(claims, (s, claim) =>
        {
            var outgoing = new OutgoingSms(s.Partner.Phone, s.Text.Body, new StatusCallback(couple.Id, claim.Record.RowKey), job.Kind, kind.ValidFor(s.Partner, job, now));
            return SendClaimedAsync(couple, s.Partner, job, outgoing, claim.Record, claim.Claimed, attempt, ct);
        }).ToList();
        try
        {
            await Task.WhenAll(attempts);
        }
        finally
        {
            // Record what went out even when another text of the job failed, so a retry only redoes the failed one.
            var outcomes = attempts.Where(a => a.IsCompletedSuccessfully && a.Result is not null).Select(a => a.Result!).ToList();
            await history.CompleteAllAsync(couple.Id, outcomes, ct);
            await kind.SentAsync(couple, job, outcomes.Where(o => o.Sid is not null).Select(o => new SentText(o.Partner, o.PromptId)).ToList(), ct);
        }
    }

    /// <summary>Sends one claimed text; returns the record to complete, or null when an earlier attempt already
    /// did.</summary>
    private async Task<OutboundRecord?> SendClaimedAsync(
        Couple couple, Partner partner, OutboundJob job, OutgoingSms outgoing, OutboundRecord record, bool claimed, string attempt, CancellationToken ct)
    {
        if (!claimed && record.Status != OutboundStatus.Sending)
        {
            log.LogInformation("{Kind} {Date} for couple {CoupleId} partner {Partner} was already handled ({Status}).", job.Kind, job.Date, couple.Id, partner.Key, record.Status);
            return null;
        }

        if (!claimed)
        {
            // A fresh claim still "sending" is another attempt at work (the same message delivered twice
            // at once): let the queue bring this one back. An older or released one stopped half-way
            // and may have sent: take it over, so that only one retry checks and sends.
            var now = clock.GetUtcNow();
            if (!record.Released && now - (record.AttemptUtc ?? record.ClaimedUtc) < ClaimLease)
                throw new ClaimHeldException();
            record = await history.TakeOverAsync(couple.Id, record, attempt, now, ct) ?? throw new ClaimHeldException();
        }
        try
        {
            var sent = await sms.SendAsync(outgoing, uncertain: !claimed, record.ClaimedUtc, ct);
            OpsMetrics.TextSent(job.Kind.ToString());
            log.LogInformation("Sent {Kind} {Date} to couple {CoupleId} partner {Partner} ({Phone}) as {Sid}.", job.Kind, job.Date, couple.Id, partner.Key, PhoneMask.Mask(partner.Phone), sent.Sid);
            return record with { Status = sent.Status, Sid = sent.Sid, SentUtc = clock.GetUtcNow() };
        }
        catch (SmsSendException e) when (!e.IsTransient)
        {
            log.LogWarning("Could not send {Kind} {Date} to couple {CoupleId} partner {Partner} ({Phone}): {Failure} {ErrorCode}.", job.Kind, job.Date, couple.Id, partner.Key, PhoneMask.Mask(partner.Phone), e.Failure, e.ErrorCode);
            // Record the opt-out before closing the claim, so a retry after a crash still records it.
            if (e.Failure == SmsFailure.OptedOut)
                await consent.OptOutByCarrierAsync(couple.Id, partner.Key, e.ErrorCode, ct);
            return record with { Status = OutboundStatus.Failed, ErrorCode = e.ErrorCode };
        }
        catch
        {
            // This attempt gives up unsure whether it sent: release the claim, so the retry checks with
            // the provider without waiting out the lease.
            await history.ReleaseAsync(couple.Id, record, ct);
            throw;
        }
    }

    /// <summary>The partner's text, written in their language.</summary>
    private static async Task<ComposedText?> ComposeInLanguageAsync(IOutboundText kind, Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        using var language = Languages.Use(partner.Language);
        return await kind.ComposeAsync(couple, partner, job, ct);
    }
}

/// <summary>Another attempt holds the claim on a text; the queue brings the message back after the attempt
/// ends.</summary>
public sealed class ClaimHeldException() : Exception("Another attempt is sending this text; the message returns to the queue.");
