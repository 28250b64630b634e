using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using Microsoft.Extensions.Logging;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>DELETE asks, DELETE YES within ten minutes confirms: the couple is marked, its erasure queued.</summary>
public sealed class EraseKeywords(CoupleStore couples, OutboundQueue queue, ILogger<EraseKeywords> log)
    : IKeywordHandler
{
    /// <summary>How long after DELETE a DELETE YES confirms it.</summary>
    public static readonly TimeSpan DeleteWindow = TimeSpan.FromMinutes(10);

    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.Delete, OptedIn, Invited),
        new(Keyword.DeleteYes, OptedIn, Invited, OptedOut),
    ];

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct)
    {
        var (couple, partner, now) = (text.Couple, text.Partner, text.Now);
        if (partner.Consent == OptedOut)
        {
            // Twilio blocks replies to a number that said STOP, so the ask-and-confirm exchange cannot
            // happen: DELETE YES alone erases, silently.
            await EraseAsync(couple, partner, now, ct);
            return new Handled(null, Stored: true);
        }
        if (text.Command.Keyword == Keyword.Delete)
        {
            await couples.ChangeAsync(couple, c => c[partner.Key].DeleteRequestedUtc = now, ct);
            return ReplyTexts.DeleteAsk;
        }
        if (partner.DeleteRequestedUtc is not { } asked || now - asked > DeleteWindow) return ReplyTexts.DeleteFirst;
        await EraseAsync(couple, partner, now, ct);
        // An erased couple keeps nothing, not even this reply.
        return new Handled(ReplyTexts.DeleteDone, Stored: true);
    }

    /// <summary>
    /// Erasure is a job of its own: it tells the other partner the program ended where it can, then
    /// erases everything, sent or not. The couple is marked first, before the reply: from then on its
    /// links open nothing and nothing but that farewell goes to either partner, however long the job
    /// waits in the queue.
    /// </summary>
    private async Task EraseAsync(Couple couple, Partner partner, DateTimeOffset now, CancellationToken ct)
    {
        await couples.MutateAsync(couple, c =>
        {
            if (c.ErasingSinceUtc is not null) return false;
            c.ErasingSinceUtc = now;
            return true;
        }, ct);
        var other = couple.Other(partner);
        var on = ZoneTime.LocalDate(now, other.Zone);
        await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.Ended, on, [other.Key]), ct);
        log.LogInformation("Couple {CoupleId} asked to be erased by partner {Partner}.", couple.Id, partner.Key);
    }
}
