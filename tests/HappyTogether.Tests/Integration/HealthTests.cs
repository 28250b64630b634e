using System.Net;
using System.Text.Json;
using HappyTogether.Functions;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace HappyTogether.Tests.Integration;

/// <summary>GET /api/health: storage, secrets and the scheduler's last tick, with nothing of any couple in it.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task The_local_host_serves_health_anonymously_and_it_turns_healthy_once_the_scheduler_ticked()
    {
        await using var host = await LocalHostApp.StartAsync("health-admin-key-0123456789");
        using var before = await host.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        var report = JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", report.GetProperty("storage").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("schedulerLastTickUtc").ValueKind);
        Assert.Equal("resolved", report.GetProperty("secrets").GetProperty("TwilioAuthToken").GetString());
        Assert.Equal("not set", report.GetProperty("secrets").GetProperty("NumberHashKey").GetString());
        Assert.Equal("no-store", before.Headers.CacheControl?.ToString());

        await host.Services.GetRequiredService<Scheduler>().RunAsync();
        using var after = await host.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("schedulerLastTickUtc").ValueKind);
    }

    [Fact]
    public async Task A_scheduler_silent_for_more_than_fifteen_minutes_makes_the_check_unhealthy()
    {
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await app.Get<Scheduler>().RunAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(200, await StatusAsync(app));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(503, await StatusAsync(app));
        await app.Get<Scheduler>().RunAsync();
        Assert.Equal(200, await StatusAsync(app));
    }

    [Fact]
    public async Task Unreachable_storage_is_reported_not_thrown()
    {
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await app.Get<Scheduler>().RunAsync();
        app.StorageFaults.FailAfter(0);
        var result = Assert.IsType<ObjectResult>(await app.Function<HealthFunction>().Get(new Microsoft.AspNetCore.Http.DefaultHttpContext().Request, default));
        app.StorageFaults.Heal();
        Assert.Equal(503, result.StatusCode);
        Assert.Equal("unreachable", Assert.IsType<HappyTogether.Pages.Operations.HealthReport>(result.Value).Storage);
    }

    private static async Task<int?> StatusAsync(TestApp app) =>
        ((ObjectResult)await app.Function<HealthFunction>().Get(new Microsoft.AspNetCore.Http.DefaultHttpContext().Request, default)).StatusCode;
}
