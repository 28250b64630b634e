using HappyTogether.LocalHost.Hosting;
using HappyTogether.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HappyTogether.Tests.Integration;

/// <summary>The local host runs the daily sweep's function class too, retention included; a dev-clock run does
/// not.</summary>
public class LocalHostSweepTests
{
    [Fact]
    public async Task The_local_host_runs_the_daily_sweep_with_retention_on_the_real_clock_only()
    {
        await using (var host = await LocalHostApp.StartHostAsync())
            Assert.Single(host.Services.GetServices<IHostedService>().OfType<SweepWorker>());
        await using (var devClock = await LocalHostApp.StartHostAsync("--dev-clock"))
            Assert.Empty(devClock.Services.GetServices<IHostedService>().OfType<SweepWorker>());

        // What the worker runs at 04:00: the function class, both parts of the sweep.
        await using var app = await TestApp.StartAsync();
        await SweepWorker.RunAsync(app.Services, CancellationToken.None);
        Assert.Single(app.Logs.Lines, l => l.Contains("Sweep: 0 unaccepted couples erased"));
        Assert.Single(app.Logs.Lines, l => l.Contains("Retention: 0 history rows of 0 couples and 0 outbox rows older than 90 days deleted; 0 couples failed."));
    }
}
