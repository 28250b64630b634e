using Azure.Storage.Queues;

namespace HappyTogether.Sending;

/// <summary>The queue that fans scheduled and reactive texts out to the queue-triggered sender.</summary>
public sealed class OutboundQueue(QueueClient queue)
{
    public QueueClient Client => queue;

    /// <summary>Enqueues a job. The client encodes it in base64, as the Functions queue trigger expects.</summary>
    public Task EnqueueAsync(OutboundJob job, CancellationToken ct = default) =>
        queue.SendMessageAsync(job.ToJson(), ct);
}
