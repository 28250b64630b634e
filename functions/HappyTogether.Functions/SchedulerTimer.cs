using HappyTogether.Entry.Sending;
using HappyTogether.Model.Scheduling;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>Every few minutes (cron from the SchedulerSchedule setting): queue one message per due-index shard with
/// something due (the queue-triggered function does the shard's work), and count the poisoned messages.</summary>
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
