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
    TimeProvider clock,
    IOptions<HappyTogetherOptions> options,
    ILogger<OutboundSender> log)
{
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

    public async Task HandleAsync(OutboundJob job, CancellationToken ct = default)
    {
        var couple = await couples.GetAsync(job.CoupleId, ct);
        if (couple is null)
        {
            log.LogInformation("Dropped {Kind} for couple {CoupleId}: the couple no longer exists.", job.Kind, job.CoupleId);
            return;
        }

        var texts = new List<(Partner Partner, OutboundRecord Claim, OutgoingSms Sms)>();
        var now = clock.GetUtcNow();
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
            var claim = new OutboundRecord(job.Date, job.Kind, partner.Key) { PromptId = promptId, ClaimedUtc = now, Ref = job.Ref };
            texts.Add((partner, claim, new OutgoingSms(partner.Phone, body, $"c={Uri.EscapeDataString(couple.Id)}&r={Uri.EscapeDataString(claim.RowKey)}", job.Kind)));
        }

        if (texts.Count > 0)
        {
            // Both partners' claims in one transaction, their texts sent side by side, their outcomes in one more.
            var claims = await history.ClaimAllAsync(couple.Id, texts.Select(t => t.Claim).ToList(), ct);
            var attempts = texts.Zip(claims, (text, claim) => SendClaimedAsync(couple, text.Partner, job, text.Sms, claim.Record, claim.Claimed, ct)).ToList();
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

        // The farewell is out (or was not wanted): now erase everything, this job's history rows included.
        if (job.Kind == TextKind.Ended)
            await admin.EraseAsync(couple.Id, ct);
    }

    /// <summary>Sends one claimed text; returns the record to complete, or null when an earlier attempt already did.</summary>
    private async Task<OutboundRecord?> SendClaimedAsync(
        Couple couple, Partner partner, OutboundJob job, OutgoingSms outgoing, OutboundRecord record, bool claimed, CancellationToken ct)
    {
        if (!claimed && record.Status != OutboundStatus.Sending)
        {
            log.LogInformation("{Kind} {Date} for couple {CoupleId} partner {Partner} was already handled ({Status}).", job.Kind, job.Date, couple.Id, partner.Key, record.Status);
            return null;
        }

        // A claim left "sending" means an earlier attempt stopped between claim and record: it may have sent.
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
