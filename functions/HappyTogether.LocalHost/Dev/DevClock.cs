using HappyTogether.LocalHost.Hosting;
using HappyTogether.Model.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace HappyTogether.LocalHost.Dev;

/// <summary>
/// The controllable clock of a --dev-clock run. Moving it forward runs, in order, every scheduler
/// tick at which something falls due on the way (as the real schedule would), texts held or queued
/// during the same move included, and sends what each tick queues at that tick's time; it returns
/// once all of that, and the work of requests still in flight when it was asked, has finished.
/// </summary>
public sealed class DevClock(
    FakeTimeProvider clock, DueIndex due, QueueTriggerHost queue, InboundWork inbound, IServiceProvider services, IConfiguration configuration, ILogger<DevClock> log)
{
    private const int MaxTicks = 10_000;
    private static readonly int[] AllShards = [.. Enumerable.Range(0, DueIndex.Shards)];

    private readonly SemaphoreSlim gate = new(1, 1);

    public DateTimeOffset UtcNow => clock.GetUtcNow();

    /// <summary>Moves the clock to <paramref name="target"/>; returns how many scheduler ticks ran on the
    /// way.</summary>
    public async Task<int> AdvanceAsync(DateTimeOffset target, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (target < clock.GetUtcNow()) throw new ArgumentOutOfRangeException(nameof(target), "The clock only moves forward.");
            var schedule = SchedulerWorker.Schedule(configuration);
            var earliest = new Dictionary<int, DateTimeOffset?>();
            IReadOnlyList<int> fired = [];
            long? readAfter = null;
            var ticks = 0;
            while (true)
            {
                // What is queued goes out first, at the time it was set off; only then is the next due time
                // read, so that what sending held for the morning counts too.
                await SettleAsync(ct);
                var requests = inbound.Started;
                // A tick and the jobs it queued change only the shards that had something due; a request may
                // have armed or held something in any of them.
                foreach (var (shard, first) in await due.EarliestByShardAsync(requests == readAfter ? fired : AllShards, ct))
                    earliest[shard] = first;
                readAfter = requests;
                fired = [];
                // A request that came in meanwhile is settled and read for before anything moves.
                if (inbound.Started != requests) continue;

                var next = earliest.Values.Min() is { } dueAt ? new DateTimeOffset(schedule.GetNextOccurrence(dueAt.UtcDateTime.AddTicks(-1)), TimeSpan.Zero) : (DateTimeOffset?)null;
                if (next is not { } tick || tick > target)
                {
                    if (clock.GetUtcNow() >= target) return ticks;
                    // Land on the target and settle there once more.
                    clock.SetUtcNow(target);
                    continue;
                }
                if (++ticks > MaxTicks) throw new InvalidOperationException($"The dev clock ran {MaxTicks} ticks without reaching {target:O}.");
                if (tick > clock.GetUtcNow()) clock.SetUtcNow(tick);
                await SchedulerWorker.TickAsync(services, ct);
                var ran = clock.GetUtcNow();
                fired = [.. earliest.Where(e => e.Value <= ran).Select(e => e.Key)];
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Waits for the requests in flight, then sends everything queued (by them, a tick, or the sender
    /// itself), again while requests came in meanwhile: once it returns, every request begun before
    /// has finished and what it queued has been handled.
    /// </summary>
    private async Task SettleAsync(CancellationToken ct)
    {
        while (true)
        {
            var requests = inbound.Started;
            var running = inbound.Running;
            if (running > 0) log.LogInformation("The dev clock waits for the requests in flight ({Count}).", running);
            await inbound.WhenIdleAsync(ct);
            await queue.DrainAsync(ct: ct);
            if (inbound.Started == requests) return;
        }
    }
}
