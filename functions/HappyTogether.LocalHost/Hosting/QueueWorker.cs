namespace HappyTogether.LocalHost.Hosting;

/// <summary>Polls the outbound queue in the background, as the Functions host does, through the one queue trigger
/// emulation.</summary>
public sealed class QueueWorker(QueueTriggerHost trigger, ILogger<QueueWorker> log) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var run = await trigger.DrainAsync(ct: stoppingToken);
                if (run.Handled + run.Failures == 0) await Task.Delay(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The queue worker failed; retrying in 5 s.");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }
}
