using HappyTogether.Entry.Sending;
using HappyTogether.Model.Scheduling;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>Every few minutes (cron from the SchedulerSchedule setting): queue the texts that are due, and warn about
/// poisoned ones.</summary>
public sealed class SchedulerTimer(Scheduler scheduler, PoisonedJobs poisoned)
{
    public const string Name = "Scheduler";

    [Function(Name)]
    public async Task Run([TimerTrigger("%SchedulerSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        await scheduler.RunAsync(ct);
        await poisoned.CheckAsync(ct);
    }
}
