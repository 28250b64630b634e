using HappyTogether.LocalHost.Hosting;
using HappyTogether.Scheduling;
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
            var earliest = await NextDueAfterDrainAsync(ct);
            while (earliest is { } next && ticks < 10_000)
            {
                var tick = new DateTimeOffset(schedule.GetNextOccurrence(next.UtcDateTime.AddTicks(-1)), TimeSpan.Zero);
                if (tick > target) break;
                if (tick > clock.GetUtcNow()) clock.SetUtcNow(tick);
                await SchedulerWorker.TickAsync(services, ct);
                earliest = await NextDueAfterDrainAsync(ct);
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
    /// Sends what is queued and reads the earliest due slot side by side: sending never arms a slot,
    /// so the two need not wait for each other (which halves a long jump's time).
    /// </summary>
    private async Task<DateTimeOffset?> NextDueAfterDrainAsync(CancellationToken ct)
    {
        var drain = queue.DrainAsync(ct: ct);
        var earliest = await due.EarliestAsync(ct);
        await drain;
        return earliest;
    }
}
