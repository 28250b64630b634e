using HappyTogether.Entry.Sending;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>Handles each outbound message: a page of a scheduler shard's due rows, or the texts of its jobs; failures
/// return the message to the queue, then to its poison queue.</summary>
public sealed class OutboundQueueTrigger(QueueWork work)
{
    [Function("SendOutbound")]
    public Task Run([QueueTrigger("%OutboundQueue%", Connection = "AzureWebJobsStorage")] string message, CancellationToken ct) =>
        work.HandleAsync(message, ct);
}
