using HappyTogether.Foundation.Storage;
using HappyTogether.LocalHost;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.Model.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>
/// The local host on a real Kestrel bound to 127.0.0.1 with an ephemeral port, on Azurite with a table
/// prefix of its own; its tables and queue go when disposed. <see cref="StartAsync"/>: its function
/// routes (MapFunctionRoutes) as the local host registers them, minus its workers, so nothing sends or
/// ticks. <see cref="StartHostAsync"/>: the whole host as its Program composes it.
/// </summary>
public sealed class LocalHostApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CapturedLogs? logs;
    private readonly NoTwilio? twilio;

    private LocalHostApp(WebApplication app, HttpClient client, CapturedLogs? logs = null, NoTwilio? twilio = null)
    {
        this.app = app;
        this.logs = logs;
        this.twilio = twilio;
        Client = client;
    }

    public HttpClient Client { get; }
    public IServiceProvider Services => app.Services;

    /// <summary>Where the host listens, e.g. http://127.0.0.1:54321.</summary>
    public Uri Address => Client.BaseAddress!;

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
        return new LocalHostApp(app, ClientFor(app));
    }

    /// <summary>
    /// The local host as its Program composes it (<see cref="DevelopmentHost"/>), with these arguments
    /// (switches, options, key=value settings), on an ephemeral 127.0.0.1 port. Every call towards
    /// Twilio fails and fails the test; its log lines are checked for personal data when disposed.
    /// </summary>
    /// <exception cref="RefusedToStartException">The arguments and settings would let the host leak.</exception>
    public static Task<LocalHostApp> StartHostAsync(params string[] args) => StartHostAsync(args, null);

    /// <inheritdoc cref="StartHostAsync(string[])"/>
    /// <param name="configure">Last registrations, e.g. a storage policy or another log provider.</param>
    public static async Task<LocalHostApp> StartHostAsync(string[] args, Action<IServiceCollection>? configure)
    {
        Azurite.EnsureRunning();
        var prefix = "h" + Guid.NewGuid().ToString("N")[..10];
        var logs = new CapturedLogs();
        var twilio = new NoTwilio();
        // The test's own settings come last, so they win over these.
        string[] settings = ["--port", "0", "AzureWebJobsStorage=" + Azurite.ConnectionString, "TablePrefix=" + prefix, "OutboundQueue=" + prefix + "-outbound"];
        var app = DevelopmentHost.Build([.. settings, .. args], services =>
        {
            services.AddLogging(b => b.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            services.AddHttpClient(ServiceCollectionExtensions.TwilioHttpClient).ConfigurePrimaryHttpMessageHandler(() => twilio);
            configure?.Invoke(services);
        });
        await DevelopmentHost.StartAsync(app);
        return new LocalHostApp(app, ClientFor(app), logs, twilio);
    }

    private static HttpClient ClientFor(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (logs is not null) LogPrivacy.Check(logs.Lines, []);
            Assert.True(twilio is null || twilio.Calls == 0, $"The local host called Twilio {twilio?.Calls} times.");
        }
        finally
        {
            await app.StopAsync();
            foreach (var table in app.Services.GetRequiredService<Tables>().All) await table.DeleteAsync();
            await app.Services.GetRequiredService<OutboundQueue>().Client.DeleteIfExistsAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Stands in for api.twilio.com: counts every call and fails it, so nothing leaves the machine.</summary>
    private sealed class NoTwilio : HttpMessageHandler
    {
        private int calls;

        public int Calls => calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            throw new HttpRequestException("Tests never call Twilio.");
        }
    }
}
