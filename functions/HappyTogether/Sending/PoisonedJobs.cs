using Azure;
using Azure.Storage.Queues;
using HappyTogether.Outbound;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Sending;

/// <summary>One message in the poison queue, without personal data: which couple and texts it was for.</summary>
public sealed record PoisonedJob(DateTimeOffset? InsertedOn, int DequeueCount, string? CoupleId, string? Kind, DateOnly? Date, int Texts);

/// <summary>How many outbound messages were given up on, and the oldest of them.</summary>
public sealed record PoisonReport(int Count, IReadOnlyList<PoisonedJob> Oldest);

/// <summary>
/// The outbound messages the queue trigger gave up on: the Functions host moves a message to
/// "{queue}-poison" after maxDequeueCount failed tries. Texts held back by the send-rate guard or
/// refused by Twilio for good never land here; a message here needs an operator.
/// </summary>
public sealed class PoisonedJobs(OutboundQueue outbound, QueueServiceClient queues, ILogger<PoisonedJobs> log)
{
    public QueueClient Client { get; } = queues.GetQueueClient(outbound.Client.Name + "-poison");

    /// <summary>Counts the poison queue and warns when it is not empty.</summary>
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        var count = await CountAsync(ct);
        if (count > 0)
            log.LogWarning("{Count} outbound messages are in the poison queue {Queue}: texts that were not sent. See GET /api/outbound/poison.", count, Client.Name);
        return count;
    }

    public async Task<PoisonReport> ReadAsync(int oldest = 32, CancellationToken ct = default)
    {
        var count = await CountAsync(ct);
        if (count == 0) return new(0, []);
        var peeked = (await Client.PeekMessagesAsync(Math.Clamp(oldest, 1, 32), ct)).Value;
        var jobs = peeked.SelectMany(message =>
        {
            IReadOnlyList<OutboundJob>? parsed;
            try
            {
                parsed = OutboundJob.ParseMessage(message.Body.ToString());
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
            {
                parsed = null;
            }
            return parsed is null
                ? [new PoisonedJob(message.InsertedOn, (int)message.DequeueCount, null, null, null, 0)]
                : parsed.Select(j => new PoisonedJob(message.InsertedOn, (int)message.DequeueCount, j.CoupleId, j.Kind, j.Date, j.Partners.Count));
        }).ToList();
        return new(count, jobs);
    }

    /// <summary>One request: the host creates the poison queue with its first message, so a missing queue is an empty one.</summary>
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
