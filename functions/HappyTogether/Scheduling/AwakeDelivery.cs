using HappyTogether.Couples;
using HappyTogether.Outbound;

namespace HappyTogether.Scheduling;

/// <summary>
/// Queues a text that is not a direct reply (a reveal, a reaction, a notice) so that it reaches
/// each recipient in their waking hours: at once when they are awake, else at 07:00 their time.
/// Recipients who wait the same share one queue message.
/// </summary>
public static class AwakeDelivery
{
    public static async Task EnqueueAsync(OutboundQueue queue, Couple couple, OutboundJob job, DateTimeOffset now, CancellationToken ct = default)
    {
        foreach (var group in job.Partners.GroupBy(key => WakingWindow.WaitFrom(now, couple[key].Zone)))
            await queue.EnqueueAsync([job with { Partners = [.. group] }], group.Key > TimeSpan.Zero ? group.Key : null, ct);
    }
}
