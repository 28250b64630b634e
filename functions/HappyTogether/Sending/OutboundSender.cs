using HappyTogether.Consent;
using HappyTogether.Couples;
using HappyTogether.History;
using HappyTogether.Phones;
using HappyTogether.Prompts;
using HappyTogether.Recap;
using HappyTogether.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace HappyTogether.Sending;

/// <summary>
/// Sends the texts of one outbound job, each at most once. A history row keyed by couple, date, kind
/// and partner is claimed before sending and completed after; a retry that finds a claim still
/// "sending" first asks the provider whether the earlier attempt went out.
/// </summary>
public sealed class OutboundSender(
    CoupleStore couples,
    HistoryStore history,
    ConsentService consent,
    Answers answers,
    CoupleAdmin admin,
    RecapService recaps,
    PromptRotation prompts,
    ISmsSender sms,
    SendRateGuard rate,
    OutboundQueue queue,
    TimeProvider clock,
    IOptions<HappyTogetherOptions> options,
    ILogger<OutboundSender> log)
{
    /// <summary>
    /// How long a claim still "sending" belongs to the attempt that made it. Longer than one attempt
    /// can take (4 tries of at most 10 s plus backoff), shorter than the queue's five redeliveries.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(60);

    /// <summary>Recorded as the "prompt" of a recap that carried the care line, so the line waits four weeks.</summary>
    private const string CareNoted = "care";

    private readonly ResiliencePipeline<SentSms> retry = new ResiliencePipelineBuilder<SentSms>()
        .AddRetry(new RetryStrategyOptions<SentSms>
        {
            ShouldHandle = new PredicateBuilder<SentSms>().Handle<SmsSendException>(e => e.IsTransient),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.SendRetryDelay,
        })
        .Build();

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
                var delay = DeferDelay(texts, deferred.Max(d => d.Deferrals));
                await queue.EnqueueAsync(deferred, delay, ct);
                log.LogInformation("Send rate reached: {Texts} texts of {Jobs} jobs return to the queue in {Delay}.", texts, deferred.Count, delay);
            }
        }
    }

    public Task HandleAsync(OutboundJob job, CancellationToken ct = default) => HandleAsync([job], ct);

    /// <summary>Long enough for this instance to send what it put back, doubling on each return, with jitter so returns spread out.</summary>
    private TimeSpan DeferDelay(int texts, int deferrals)
    {
        var wait = rate.TimeFor(texts) * (1 << Math.Min(deferrals, 5)) * (1 + Random.Shared.NextDouble() / 2);
        return TimeSpan.FromSeconds(Math.Clamp(wait.TotalSeconds, 1, 900));
    }

    /// <summary>Sends one job's texts; returns the job for the partners the send-rate guard held back, or null.</summary>
    private async Task<OutboundJob?> HandleJobAsync(OutboundJob job, CancellationToken ct)
    {
        var couple = await couples.GetAsync(job.CoupleId, ct);
        if (couple is null)
        {
            log.LogInformation("Dropped {Kind} for couple {CoupleId}: the couple no longer exists.", job.Kind, job.CoupleId);
            return null;
        }

        var composed = new List<(Partner Partner, string Body, string? PromptId)>();
        var now = clock.GetUtcNow();
        // This handling of the job: what its claims and take-overs are held under.
        var attempt = Guid.NewGuid().ToString("N");
        foreach (var partner in job.Partners.Distinct().Select(key => couple[key]))
        {
            if (WhyNot(couple, partner, job, now) is { } reason)
            {
                log.LogInformation("Skipped {Kind} {Date} for couple {CoupleId} partner {Partner}: {Reason}.", job.Kind, job.Date, couple.Id, partner.Key, reason);
                continue;
            }
            var (body, promptId) = await ComposeAsync(couple, partner, job, ct);
            if (body is null)
            {
                log.LogWarning("Nothing to send for {Kind} {Date} to couple {CoupleId} partner {Partner}.", job.Kind, job.Date, couple.Id, partner.Key);
                continue;
            }
            composed.Add((partner, body, promptId));
        }

        // Take the turns before claiming: a text held back leaves no claim, so its return needs no check with Twilio.
        var turns = await Task.WhenAll(composed.Select(_ => rate.TryTakeTurnAsync(ct)));
        var heldBack = composed.Where((_, i) => !turns[i]).Select(c => c.Partner.Key).ToList();
        var texts = composed.Where((_, i) => turns[i]).Select(c =>
        {
            var claim = new OutboundRecord(job.Date, job.Kind, c.Partner.Key) { PromptId = c.PromptId, ClaimedUtc = now, Attempt = attempt, AttemptUtc = now, Ref = job.Ref };
            return (c.Partner, Claim: claim, Sms: new OutgoingSms(c.Partner.Phone, c.Body, $"c={Uri.EscapeDataString(couple.Id)}&r={Uri.EscapeDataString(claim.RowKey)}", job.Kind));
        }).ToList();

        if (texts.Count > 0)
        {
            // Both partners' claims in one transaction, their texts sent side by side, their outcomes in one more.
            var claims = await history.ClaimAllAsync(couple.Id, texts.Select(t => t.Claim).ToList(), ct);
            var attempts = texts.Zip(claims, (text, claim) => SendClaimedAsync(couple, text.Partner, job, text.Sms, claim.Record, claim.Claimed, attempt, ct)).ToList();
            try
            {
                await Task.WhenAll(attempts);
            }
            finally
            {
                // Record what went out even when another text of the job failed, so a retry only redoes the failed one.
                var outcomes = attempts.Where(a => a.IsCompletedSuccessfully && a.Result is not null).Select(a => a.Result!).ToList();
                await history.CompleteAllAsync(couple.Id, outcomes, ct);
                if (outcomes.FirstOrDefault(o => o.PromptId == CareNoted && o.Sid is not null) is { } care)
                    await couples.MutateAsync(couple.Id, c => { c[care.Partner].CareShownOn = job.Date; return true; }, ct);
            }
        }

        if (heldBack.Count > 0)
            return job with { Partners = heldBack, Deferrals = job.Deferrals + 1 };

        // The farewell is out (or was not wanted): now erase everything, this job's history rows included.
        if (job.Kind == TextKind.Ended)
            await admin.EraseAsync(couple.Id, ct);
        return null;
    }

    /// <summary>Sends one claimed text; returns the record to complete, or null when an earlier attempt already did.</summary>
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
        var uncertain = !claimed;
        try
        {
            var sent = await retry.ExecuteAsync(
                async token =>
                {
                    if (uncertain && await sms.FindSentAsync(outgoing, record.ClaimedUtc.AddMinutes(-1), token) is { } earlier)
                        return earlier;
                    try
                    {
                        return await sms.SendAsync(outgoing, token);
                    }
                    catch (SmsSendException e) when (e.Failure == SmsFailure.Uncertain)
                    {
                        uncertain = true;
                        throw;
                    }
                },
                ct);
            log.LogInformation("Sent {Kind} {Date} to couple {CoupleId} partner {Partner} ({Phone}) as {Sid}.", job.Kind, job.Date, couple.Id, partner.Key, PhoneMask.Mask(partner.Phone), sent.Sid);
            return record with { Status = sent.Status, Sid = sent.Sid, SentUtc = clock.GetUtcNow() };
        }
        catch (SmsSendException e) when (!e.IsTransient)
        {
            log.LogWarning("Could not send {Kind} {Date} to couple {CoupleId} partner {Partner} ({Phone}): {Failure} {ErrorCode}.", job.Kind, job.Date, couple.Id, partner.Key, PhoneMask.Mask(partner.Phone), e.Failure, e.ErrorCode);
            // Record the opt-out before closing the claim, so a retry after a crash still records it.
            if (e.Failure == SmsFailure.OptedOut)
                await consent.OptOutAsync(couple.Id, partner.Key, $"carrier:{e.ErrorCode}", "Twilio reported the number as unsubscribed.", ct);
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

    /// <summary>Why this text must not go out now, or null when it may.</summary>
    private static string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now)
    {
        switch (job.Kind)
        {
            case TextKind.Reveal:
                return couple.RevealsOn ? null : "reveals are off";
            case TextKind.RevealsOff or TextKind.Ended:
                return partner.Consent == ConsentState.OptedIn ? null : $"consent is {partner.Consent}";
            case TextKind.Invitation:
                return partner.Consent == ConsentState.Invited ? null : $"consent is {partner.Consent}";
            case TextKind.Confirmation:
                return partner.Consent == ConsentState.OptedIn ? null : $"consent is {partner.Consent}";
            case TextKind.Morning or TextKind.Evening or TextKind.Recap:
                if (partner.Consent != ConsentState.OptedIn) return $"consent is {partner.Consent}";
                var local = ZoneTime.ToLocal(now, partner.Zone);
                if (DateOnly.FromDateTime(local) != job.Date) return "its local date has passed";
                if (partner.IsQuietOn(job.Date)) return "paused or skipped";
                return WakingWindow.Contains(TimeOnly.FromDateTime(local)) ? null : "outside waking hours";
            default:
                return $"unknown kind '{job.Kind}'";
        }
    }

    private async Task<(string? Body, string? PromptId)> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct)
    {
        switch (job.Kind)
        {
            case TextKind.Invitation:
                return (ProgramTexts.Invitation(couple, partner), null);
            case TextKind.Confirmation:
                return (ProgramTexts.Confirmation(partner), null);
            case TextKind.RevealsOff:
                return (Replies.ReplyTexts.RevealsOff, null);
            case TextKind.Ended:
                return (Replies.ReplyTexts.Ended, null);
            case TextKind.Recap:
                var recap = await recaps.ComputeAsync(couple, job.Date, ct);
                return (recaps.Render(couple, recap, partner.Key), recap[partner.Key].Care ? CareNoted : null);
            case TextKind.Reveal:
                var other = couple.Other(partner);
                var answer = await answers.GetAnswerAsync(couple.Id, job.Date, other.Key, ct);
                return (answer is null ? null : Replies.RevealText.Compose(other.TextName, answer.Text), answer?.PromptId);
            default:
                var (prompt, body) = prompts.Compose(couple, partner, job.Kind == TextKind.Morning ? Slot.Morning : Slot.Evening, job.Date);
                return (body, prompt.Id);
        }
    }
}

/// <summary>Another attempt holds the claim on a text; the queue brings the message back after the attempt ends.</summary>
public sealed class ClaimHeldException() : Exception("Another attempt is sending this text; the message returns to the queue.");
