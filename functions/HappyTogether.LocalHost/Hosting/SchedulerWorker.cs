using HappyTogether.Functions;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace HappyTogether.LocalHost.Hosting;

/// <summary>Runs the timer function class on its declared schedule (six-field NCRONTAB, UTC), as the Functions timer
/// trigger does.</summary>
public sealed class SchedulerWorker(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<SchedulerWorker> log) : BackgroundService
{
    /// <summary>A timer function's schedule (the scheduler's by default), from its trigger attribute and the setting it
    /// names.</summary>
    public static CrontabSchedule Schedule(IConfiguration configuration, string function = SchedulerTimer.Name) =>
        CrontabSchedule.Parse(FunctionTriggers.TimerSchedule(configuration, function), new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    /// <summary>One tick: the timer function class, built as the host builds it, run once.</summary>
    public static Task TickAsync(IServiceProvider services, CancellationToken ct) => InvokeAsync(services, FunctionTriggers.Timer().Method, ct);

    /// <summary>A timer function class, built as the host builds it, run once.</summary>
    public static Task InvokeAsync(IServiceProvider services, System.Reflection.MethodInfo method, CancellationToken ct)
    {
        var function = ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => Bind(p.ParameterType, p.Name, ct)).ToArray();
        return (Task)method.Invoke(function, arguments)!;
    }

    private static object Bind(Type type, string? name, CancellationToken ct) =>
        type == typeof(CancellationToken) ? ct
        : type == typeof(TimerInfo) ? new TimerInfo()
        : throw new NotSupportedException($"The local host cannot bind {type.Name} {name} of the timer function.");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        RunOnScheduleAsync(Schedule(configuration), clock, ct => TickAsync(services, ct), e => log.LogError(e, "Scheduler tick failed."), stoppingToken);

    /// <summary>Runs <paramref name="run"/> at each occurrence of <paramref name="schedule"/> on <paramref name="clock"/>
    /// until stopped; a failed run is reported and the next occurrence still comes, as with the Functions timer.</summary>
    internal static async Task RunOnScheduleAsync(CrontabSchedule schedule, TimeProvider clock, Func<CancellationToken, Task> run, Action<Exception> failed, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                await run(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed(e);
            }
        }
    }
}
