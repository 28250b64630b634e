using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Erasure;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>Once a day (cron from the SweepSchedule setting): erase couples whose invitation went unanswered, and
/// expired sign-up rows; then delete what is older than RetentionDays.</summary>
public sealed class SweepTimer(UnacceptedSweep sweep, RetentionSweep retention)
{
    public const string Name = "Sweep";

    [Function(Name)]
    public async Task Run([TimerTrigger("%SweepSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        await sweep.RunAsync(ct);
        await retention.RunAsync(ct);
    }
}
