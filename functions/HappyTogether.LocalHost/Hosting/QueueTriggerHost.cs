using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using HappyTogether.Entry.Sending;
using HappyTogether.Functions;
using HappyTogether.Model.Outbound;

namespace HappyTogether.LocalHost.Hosting;

/// <summary>What one run of the queue trigger did: messages completed, failed tries, and messages moved to the poison
/// queue.</summary>
public sealed record QueueRun(int Handled, int Failures, int Poisoned);

/// <summary>
/// The Functions host's queue trigger, emulated where the host cannot run (the local host, the tests
/// and the benchmarks), from host.json's settings: batches of <c>batchSize</c> handled side by side,
/// a new batch once no more than <c>newBatchThreshold</c> are in flight, a failed message hidden for
/// <c>visibilityTimeout</c>, and moved to "{queue}-poison" after <c>maxDequeueCount</c> tries.
/// Runs never overlap, so one that returns has finished everything it received.
/// </summary>
public sealed class QueueTriggerHost(
    QueueClient queue, QueueClient poison, Func<string, CancellationToken, Task> function, QueueTriggerSettings settings, ILogger log)
{
    /// <summary>How long a received message stays hidden while it is handled (the host's message lease).</summary>
    public static readonly TimeSpan MessageLease = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim gate = new(1, 1);

    public QueueTriggerSettings Settings => settings;

    /// <summary>The trigger of the SendOutbound function (<see cref="OutboundQueueTrigger"/>), built the way the host
    /// builds function classes.</summary>
    public static QueueTriggerHost ForOutbound(IServiceProvider services, QueueTriggerSettings? settings = null)
    {
        return new QueueTriggerHost(
            services.GetRequiredService<OutboundQueue>().Client,
            services.GetRequiredService<PoisonedJobs>().Client,
            (message, ct) => ActivatorUtilities.CreateInstance<OutboundQueueTrigger>(services).Run(message, ct),
            settings ?? QueueTriggerSettings.FromHostJson(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<QueueTriggerHost>());
    }

    /// <summary>
    /// Handles messages until none is visible and none is in flight. With <paramref name="hidden"/>,
    /// also waits (up to that long) for messages still hidden, delayed or waiting out a retry, to come
    /// back. With <paramref name="producerDone"/>, an empty queue counts only once the producer is done.
    /// </summary>
    public async Task<QueueRun> DrainAsync(TimeSpan? hidden = null, Func<bool>? producerDone = null, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            return await RunAsync(hidden, producerDone, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<QueueRun> RunAsync(TimeSpan? hidden, Func<bool>? producerDone, CancellationToken ct)
    {
        // Hidden messages come back on the storage service's clock, not the app's (a fake one in tests): wait in real
        // time.
        var started = TimeProvider.System.GetTimestamp();
        int handled = 0, failures = 0, poisoned = 0;
        var running = new List<Task<Outcome>>();
        while (true)
        {
            foreach (var done in running.Where(t => t.IsCompleted).ToList())
            {
                running.Remove(done);
                var outcome = await done;
                if (outcome == Outcome.Handled) handled++;
                else failures++;
                if (outcome == Outcome.Poisoned) poisoned++;
            }
            if (running.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }
            var batch = (await queue.ReceiveMessagesAsync(settings.BatchSize, MessageLease, ct)).Value;
            running.AddRange(batch.Select(message => HandleAsync(message, ct)));
            // A full batch suggests more are waiting; after a short one, poll again once something finishes.
            if (batch.Length == settings.BatchSize) continue;
            if (running.Count > 0)
            {
                await Task.WhenAny(running);
                continue;
            }
            // Nothing visible and nothing in flight. Only the benchmark's concurrent producer and a wait for hidden
            // messages poll on.
            if (producerDone is not null && !producerDone())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
                continue;
            }
            if (hidden is { } limit && (await queue.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount > 0)
            {
                if (TimeProvider.System.GetElapsedTime(started) > limit)
                    throw new TimeoutException($"Messages stayed hidden in {queue.Name} past the limit ({handled} handled, {failures} failed tries).");
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                continue;
            }
            return new(handled, failures, poisoned);
        }
    }

    private enum Outcome { Handled, Failed, Poisoned }

    private async Task<Outcome> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        try
        {
            await function(message.MessageText, ct);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            return Outcome.Handled;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Queue message {Id} failed (try {Count} of {Max}).", message.MessageId, message.DequeueCount, settings.MaxDequeueCount);
            if (message.DequeueCount < settings.MaxDequeueCount)
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: ct);
                return Outcome.Failed;
            }
            await poison.CreateIfNotExistsAsync(cancellationToken: ct);
            await poison.SendMessageAsync(message.MessageText, ct);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            log.LogError("Queue message {Id} failed {Count} times and moved to {Queue}.", message.MessageId, message.DequeueCount, poison.Name);
            return Outcome.Poisoned;
        }
    }
}
