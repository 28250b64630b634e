using HappyTogether.LocalHost;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.Outbound;
using HappyTogether.Sending;
using HappyTogether.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>
/// The local host's function routes (MapFunctionRoutes) on a real Kestrel bound to 127.0.0.1 with an
/// ephemeral port, on Azurite with a table prefix of its own; its tables and queue go when disposed.
/// As the local host's Program registers them, minus its workers: nothing here sends or ticks.
/// </summary>
public sealed class LocalHostApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalHostApp(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }
    public IServiceProvider Services => app.Services;

    /// <param name="adminKey">The key admin routes take.</param>
    /// <param name="middleware">Runs before the routes, e.g. to watch which endpoint answered.</param>
    public static async Task<LocalHostApp> StartAsync(string adminKey, Action<WebApplication>? middleware = null)
    {
        Azurite.EnsureRunning();
        var prefix = "h" + Guid.NewGuid().ToString("N")[..10];
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["TablePrefix"] = prefix,
            ["OutboundQueue"] = prefix + "-outbound",
            ["DefaultTimeZone"] = "America/Chicago",
            ["TwilioAuthToken"] = FakeTwilioApi.AuthToken,
            [LocalSettings.AdminKeySetting] = adminKey,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddMvcCore();
        builder.Services.AddHttpClient();
        builder.Services.AddHappyTogether(builder.Configuration);
        var app = builder.Build();
        middleware?.Invoke(app);
        app.MapFunctionRoutes();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LocalHostApp(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        foreach (var table in app.Services.GetRequiredService<Tables>().All) await table.DeleteAsync();
        await app.Services.GetRequiredService<OutboundQueue>().Client.DeleteIfExistsAsync();
        await app.DisposeAsync();
    }
}
