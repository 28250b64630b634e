using HappyTogether.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace HappyTogether.LocalHost.Dev;

/// <summary>
/// The controllable clock of a --dev-clock run. Moving it forward runs, in order, every scheduler
/// tick at which something falls due on the way (as the real schedule would) and sends what they queue.
/// </summary>
public sealed class DevClock(FakeTimeProvider clock, DueIndex due, Scheduler scheduler, QueueWorker queue, IConfiguration configuration)
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
            while (await due.EarliestAsync(ct) is { } earliest && ticks < 10_000)
            {
                var tick = new DateTimeOffset(schedule.GetNextOccurrence(earliest.UtcDateTime.AddTicks(-1)), TimeSpan.Zero);
                if (tick > target) break;
                if (tick > clock.GetUtcNow()) clock.SetUtcNow(tick);
                await scheduler.RunAsync(ct);
                await queue.DrainAsync(ct);
                ticks++;
            }
            if (target > clock.GetUtcNow()) clock.SetUtcNow(target);
            await queue.DrainAsync(ct);
            return ticks;
        }
        finally
        {
            gate.Release();
        }
    }
}
