using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Entry.Sending;

/// <summary>What one message of the outbound queue asks for: a page of a scheduler shard's due rows, or texts to
/// send. One queue and one trigger for both, so the shard work scales out with the sending.</summary>
public sealed class QueueWork(Scheduler scheduler, OutboundSender sender)
{
    public Task HandleAsync(string message, CancellationToken ct = default) =>
        ShardWork.From(message) is { } work
            ? scheduler.RunShardAsync(work, ct)
            : sender.HandleAsync(OutboundJob.ParseMessage(message), ct);
}
