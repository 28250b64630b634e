using HappyTogether.LocalHost.Hosting;
using HappyTogether.Model.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace HappyTogether.LocalHost.Dev;

/// <summary>
/// The controllable clock of a --dev-clock run. Moving it forward runs, in order, every scheduler
/// tick at which something falls due on the way (as the real schedule would) and sends what they
/// queue; it returns once all of that has finished.
/// </summary>
public sealed class DevClock(FakeTimeProvider clock, DueIndex due, QueueTriggerHost queue, IServiceProvider services, IConfiguration configuration)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public DateTimeOffset UtcNow => clock.GetUtcNow();

    /// <summary>Moves the clock to <paramref name="target"/>; returns how many scheduler ticks ran on the way.</summary>
    public async Task<int> AdvanceAsync(DateTimeOffset target, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (target < clock.GetUtcNow()) throw new ArgumentOutOfRangeException(nameof(target), "The clock only moves forward.");
            var schedule = SchedulerWorker.Schedule(configuration);
            var ticks = 0;
            // What is already queued (a reveal a webhook just queued, say) goes out at the current time first.
            var earliest = await NextDueAfterDrainAsync(Enumerable.Range(0, DueIndex.Shards), new Dictionary<int, DateTimeOffset?>(), ct);
            while (earliest.Values.Min() is { } next && ticks < 10_000)
            {
                var tick = new DateTimeOffset(schedule.GetNextOccurrence(next.UtcDateTime.AddTicks(-1)), TimeSpan.Zero);
                if (tick > target) break;
                if (tick > clock.GetUtcNow()) clock.SetUtcNow(tick);
                await SchedulerWorker.TickAsync(services, ct);
                // Only the shards that had something due were changed by the tick: read those again.
                var fired = earliest.Where(e => e.Value <= tick).Select(e => e.Key).ToList();
                earliest = await NextDueAfterDrainAsync(fired, earliest, ct);
                ticks++;
            }
            if (target > clock.GetUtcNow()) clock.SetUtcNow(target);
            await queue.DrainAsync(ct: ct);
            return ticks;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Sends what is queued while reading the earliest due slot of the given shards again (sending
    /// never arms a slot, so neither waits for the other); the other shards keep what was read before.
    /// A jump reads every shard when it starts, so only a slot armed by a request made during the jump
    /// itself waits for the next one.
    /// </summary>
    private async Task<Dictionary<int, DateTimeOffset?>> NextDueAfterDrainAsync(
        IEnumerable<int> shards, IReadOnlyDictionary<int, DateTimeOffset?> known, CancellationToken ct)
    {
        var drain = queue.DrainAsync(ct: ct);
        var read = await due.EarliestByShardAsync(shards, ct);
        await drain;
        var earliest = new Dictionary<int, DateTimeOffset?>(known);
        foreach (var (shard, first) in read) earliest[shard] = first;
        return earliest;
    }
}
