using HappyTogether.Scheduling;
using NCrontab;

namespace HappyTogether.LocalHost;

/// <summary>Runs the scheduler on the SchedulerSchedule cron (six fields, UTC), as the Functions timer trigger does.</summary>
public sealed class SchedulerWorker(Scheduler scheduler, IConfiguration configuration, TimeProvider clock, ILogger<SchedulerWorker> log) : BackgroundService
{
    public static CrontabSchedule Schedule(IConfiguration configuration) =>
        CrontabSchedule.Parse(configuration["SchedulerSchedule"] ?? "0 */5 * * * *", new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = Schedule(configuration);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                await scheduler.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Scheduler tick failed.");
            }
        }
    }
}
