using HappyTogether.Functions;

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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => SchedulerWorker.RunOnScheduleAsync(
        SchedulerWorker.Schedule(configuration, SweepTimer.Name), clock, ct => RunAsync(services, ct), e => log.LogError(e, "Daily sweep failed."), stoppingToken);
}
