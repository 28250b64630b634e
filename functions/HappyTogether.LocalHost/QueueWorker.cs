using Azure.Storage.Queues;
using HappyTogether.Functions;
using HappyTogether.Outbound;
using HappyTogether.Sending;

namespace HappyTogether.LocalHost;

/// <summary>
/// Runs the queue-triggered sender on the outbound queue, as the Functions queue trigger does: a
/// failed message comes back after its visibility timeout, and after five tries goes to the
/// "-poison" queue.
/// </summary>
public sealed class QueueWorker(IServiceProvider services, OutboundQueue queue, PoisonedJobs poisoned, ILogger<QueueWorker> log) : BackgroundService
{
    private const int MaxDequeueCount = 5;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DrainAsync(stoppingToken) == 0) await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The queue worker failed; retrying in 5 s.");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    /// <summary>Handles every visible message until the queue is empty; returns how many were handled.</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var trigger = ActivatorUtilities.CreateInstance<OutboundQueueTrigger>(services);
        var handled = 0;
        while (true)
        {
            var batch = (await queue.Client.ReceiveMessagesAsync(16, VisibilityTimeout, ct)).Value;
            if (batch.Length == 0) return handled;
            foreach (var message in batch)
            {
                try
                {
                    await trigger.Run(message.MessageText, ct);
                    await queue.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Outbound message {Id} failed (try {Count}).", message.MessageId, message.DequeueCount);
                    if (message.DequeueCount >= MaxDequeueCount)
                    {
                        var poison = poisoned.Client;
                        await poison.CreateIfNotExistsAsync(cancellationToken: ct);
                        await poison.SendMessageAsync(message.MessageText, ct);
                        log.LogError("Outbound message {Id} failed {Count} times and moved to {Queue}.", message.MessageId, message.DequeueCount, poison.Name);
                        await queue.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                    }
                }
                handled++;
            }
        }
    }
}
