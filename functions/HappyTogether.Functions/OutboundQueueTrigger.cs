using HappyTogether.Entry.Sending;
using HappyTogether.Model.Outbound;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>Sends the texts of the jobs in each outbound message; failures return the message to the queue, then to its
/// poison queue.</summary>
public sealed class OutboundQueueTrigger(OutboundSender sender)
{
    [Function("SendOutbound")]
    public Task Run([QueueTrigger("%OutboundQueue%", Connection = "AzureWebJobsStorage")] string message, CancellationToken ct) =>
        sender.HandleAsync(OutboundJob.ParseMessage(message), ct);
}
