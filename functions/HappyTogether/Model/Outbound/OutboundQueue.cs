using Azure.Storage.Queues;

namespace HappyTogether.Model.Outbound;

/// <summary>The queue that fans scheduled and reactive texts out to the queue-triggered sender.</summary>
public sealed class OutboundQueue(QueueClient queue)
{
    /// <summary>Jobs per message from a scheduler tick: enough to bring queue requests per couple to a quarter, few
    /// enough that one slow couple holds back little.</summary>
    public const int JobsPerMessage = 8;

    public QueueClient Client => queue;

    /// <summary>Enqueues one job.</summary>
    public Task EnqueueAsync(OutboundJob job, CancellationToken ct = default) => EnqueueAsync([job], ct: ct);

    /// <summary>
    /// Enqueues jobs as one message, visible after <paramref name="delay"/> when given. The client
    /// encodes it in base64, as the Functions queue trigger expects.
    /// </summary>
    public Task EnqueueAsync(IReadOnlyList<OutboundJob> jobs, TimeSpan? delay = null, CancellationToken ct = default) =>
        queue.SendMessageAsync(OutboundJob.ToMessage(jobs), visibilityTimeout: delay, cancellationToken: ct);
}
