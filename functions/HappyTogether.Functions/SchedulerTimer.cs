using HappyTogether.Scheduling;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>Every few minutes (cron from the SchedulerSchedule setting): queue the texts that are due.</summary>
public sealed class SchedulerTimer(Scheduler scheduler)
{
    [Function("Scheduler")]
    public Task Run([TimerTrigger("%SchedulerSchedule%")] TimerInfo timer, CancellationToken ct) => scheduler.RunAsync(ct);
}
