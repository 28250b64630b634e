using Azure;
using Azure.Storage.Queues;
using HappyTogether.Foundation.Operations;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Entry.Sending;

/// <summary>One message in the poison queue, without personal data: which couple and texts it was for.</summary>
public sealed record PoisonedJob(DateTimeOffset? InsertedOn, int DequeueCount, string? CoupleId, string? Kind, DateOnly? Date, int Texts);

/// <summary>How many outbound messages were given up on, and the oldest of them.</summary>
public sealed record PoisonReport(int Count, IReadOnlyList<PoisonedJob> Oldest);

/// <summary>
/// The outbound messages the queue trigger gave up on: the Functions host moves a message to
/// "{queue}-poison" after maxDequeueCount failed tries. Texts held back by the send-rate guard or
/// refused by Twilio for good never land here; a message here needs an operator.
/// </summary>
public sealed class PoisonedJobs(OutboundQueue outbound, QueueServiceClient queues, CoupleStore couples, ILogger<PoisonedJobs> log)
{
    public QueueClient Client { get; } = queues.GetQueueClient(outbound.Client.Name + "-poison");

    /// <summary>Counts the poison queue and warns when it is not empty.</summary>
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        var count = await CountAsync(ct);
        OpsMetrics.PoisonDepth(count);
        if (count > 0)
            log.LogWarning("{Count} outbound messages are in the poison queue {Queue}: texts that were not sent. See GET /api/outbound/poison.", count, Client.Name);
        return count;
    }

    /// <summary>
    /// The oldest poisoned jobs. A message whose couples have all been erased is dropped as it is read
    /// (it could only ever text people who asked to be forgotten); the rest become visible again at once.
    /// </summary>
    public async Task<PoisonReport> ReadAsync(int oldest = 32, CancellationToken ct = default)
    {
        var count = await CountAsync(ct);
        if (count == 0) return new(0, []);
        var received = (await Client.ReceiveMessagesAsync(Math.Clamp(oldest, 1, 32), TimeSpan.FromSeconds(30), ct)).Value;
        var jobs = new List<PoisonedJob>();
        foreach (var message in received)
        {
            var body = message.Body.ToString();
            if (IsShardWork(body))
            {
                // Its rows are still due, so the next tick queues the shard again: nothing is lost by dropping it.
                await Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                count--;
                // A warning: a row that fails every time would stop its shard's later pages, tick after tick.
                log.LogWarning("Dropped a poisoned page of scheduler shard work ({Work}); the next tick reads the shard again.", body);
                continue;
            }
            var parsed = Parse(body);
            if (parsed is not null && await AllErasedAsync(parsed, ct))
            {
                await Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                count--;
                log.LogInformation("Dropped a poisoned message of {Jobs} jobs: their couples were erased.", parsed.Count);
                continue;
            }
            await Client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct);
            jobs.AddRange(parsed is null
                ? [new PoisonedJob(message.InsertedOn, (int)message.DequeueCount, null, null, null, 0)]
                : parsed.Select(j => new PoisonedJob(message.InsertedOn, (int)message.DequeueCount, j.CoupleId, j.Kind, j.Date, j.Partners.Count)));
        }
        return new(Math.Max(count, 0), jobs);
    }

    private async Task<bool> AllErasedAsync(IReadOnlyList<OutboundJob> jobs, CancellationToken ct)
    {
        foreach (var coupleId in jobs.Select(j => j.CoupleId).Distinct())
        {
            if (await couples.GetAsync(coupleId, ct) is { ErasingSinceUtc: null }) return false;
        }
        return true;
    }

    private static bool IsShardWork(string body)
    {
        try
        {
            return ShardWork.From(body) is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static IReadOnlyList<OutboundJob>? Parse(string body)
    {
        try
        {
            return OutboundJob.ParseMessage(body);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>One request: the host creates the poison queue with its first message, so a missing queue is an empty
    /// one.</summary>
    private async Task<int> CountAsync(CancellationToken ct)
    {
        try
        {
            return (await Client.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}
