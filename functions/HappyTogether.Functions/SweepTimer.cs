using HappyTogether.Lifecycle.Enrollments;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>Once a day (cron from the SweepSchedule setting): erase couples whose invitation went unanswered, and
/// expired sign-up rows.</summary>
public sealed class SweepTimer(UnacceptedSweep sweep)
{
    [Function("Sweep")]
    public Task Run([TimerTrigger("%SweepSchedule%")] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(ct);
}
