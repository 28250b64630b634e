using HappyTogether.Functions;
using NCrontab;

namespace HappyTogether.LocalHost.Hosting;

/// <summary>
/// Runs the daily sweep's function class on its declared schedule (SweepSchedule, six-field NCRONTAB, UTC), as the
/// Functions timer trigger does, so that unanswered invitations, expired sign-up rows and what is older than
/// RetentionDays go in a local run too. Not in a --dev-clock run, whose time moves only when asked.
/// </summary>
public sealed class SweepWorker(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<SweepWorker> log) : BackgroundService
{
    /// <summary>The sweep, built as the host builds it, run once.</summary>
    public static Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        SchedulerWorker.InvokeAsync(services, FunctionTriggers.Timer(SweepTimer.Name).Method, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(FunctionTriggers.TimerSchedule(configuration, SweepTimer.Name), new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                await RunAsync(services, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Daily sweep failed.");
            }
        }
    }
}
