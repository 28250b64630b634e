using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Settings;
using HappyTogether.LocalHost.Dev;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HappyTogether.LocalHost.Hosting;

/// <summary>
/// The local development host, composed from its command line: the function app's routes, schedule
/// and queue processing on one machine, and /dev with --simulator or --dev-clock. Settings that
/// would let it leak (another interface, /dev or development secrets beside real Twilio sending)
/// refuse the start before anything listens.
/// </summary>
public static class DevelopmentHost
{
    /// <param name="args">The host's command line (see <see cref="HostArguments"/>); key=value pairs are
    /// settings.</param>
    /// <param name="services">Runs after every registration: tests swap the Twilio client or logging here.</param>
    /// <exception cref="RefusedToStartException">The settings would expose the host or a real account.</exception>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var arguments = HostArguments.Parse(args);
        var builder = WebApplication.CreateBuilder(arguments.Configuration);
        LocalSettings.Add(builder.Configuration, arguments.Configuration);
        List<string> problems = [.. LoopbackOnly.Problems(builder.Configuration), .. LiveTwilioChecks.Problems(arguments, builder.Configuration)];
        if (problems.Count > 0) throw new RefusedToStartException(problems);

        builder.WebHost.UseUrls($"http://127.0.0.1:{arguments.Port}");
        // The simulator's texts carry links (the recap's week page) that should open here; its own
        // texts are signed and checked for this same address. An ephemeral port (0) is unknown until bound.
        if (arguments.Simulator && arguments.Port != 0 && string.IsNullOrWhiteSpace(builder.Configuration["PublicBaseUrl"]))
            builder.Configuration.AddInMemoryCollection([new("PublicBaseUrl", $"http://127.0.0.1:{arguments.Port}")]);
        builder.Services.AddSingleton(arguments);
        builder.Services.AddMvcCore();
        builder.Services.AddHttpClient();
        if (arguments.DevClock)
        {
            // Each reading moves the clock on by a millisecond, so texts keep their order on the page.
            var start = arguments.Start ?? TimeProvider.System.GetUtcNow();
            builder.Services.AddSingleton(new FakeTimeProvider(start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) });
            builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<FakeTimeProvider>());
            builder.Services.AddSingleton<DevClock>();
            builder.Services.AddSingleton<InboundWork>();
            // Simulated time stands still while work runs, so pacing by it would never end: the dev clock sends at
            // once.
            builder.Configuration.AddInMemoryCollection([new("SendRatePerSecond", "0")]);
        }
        if (arguments.Simulator)
        {
            // /dev/sms posts a signed text to this host: never through a proxy, never on to a redirect.
            builder.Services.AddHttpClient(DevEndpoints.SelfClient)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        }
        builder.Services.AddHappyTogether(builder.Configuration);
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OutboxSmsSender>(sp));
        builder.Services.AddSingleton(sp => QueueTriggerHost.ForOutbound(sp));
        builder.Services.AddHostedService<QueueWorker>();
        if (!arguments.DevClock) builder.Services.AddHostedService<SchedulerWorker>();
        // The daily sweep (unanswered invitations, expired sign-ups, retention) on the real clock only, as the scheduler.
        if (!arguments.DevClock) builder.Services.AddHostedService<SweepWorker>();
        builder.Services.AddSingleton<DemoCouple>();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        // The dev clock waits for the webhooks and calls still being handled, whoever sent them.
        if (arguments.DevClock) app.Use(app.Services.GetRequiredService<InboundWork>().TrackAsync);
        app.MapFunctionRoutes();
        if (arguments.Simulator) app.MapDevRoutes();
        return app;
    }

    /// <summary>Starts listening, enrolls the demo couple (--demo), and says what this host is and where it
    /// listens.</summary>
    public static async Task StartAsync(WebApplication app)
    {
        await app.StartAsync();
        var arguments = app.Services.GetRequiredService<HostArguments>();
        if (arguments.Demo) await app.Services.GetRequiredService<DemoCouple>().EnsureAsync();
        var url = LoopbackOnly.OwnAddress(app.Services.GetRequiredService<IServer>());
        var twilio = app.Services.GetRequiredService<IOptions<HappyTogetherOptions>>().Value.TwilioConfigured;
        app.Logger.LogWarning(
            "HappyTogether LOCAL DEVELOPMENT HOST (not for production; deploy to Azure Functions). Listening on {Url} only.{NewLine}"
            + "  Simulator:  {Simulator}{NewLine}  Admin API:  {Url}/api/couples with header x-functions-key (setting {Setting}){NewLine}"
            + "  Texts:      {Texts}{NewLine}  Clock:      {Clock}",
            url, Environment.NewLine,
            arguments.Simulator ? url + "/dev" : "off (--simulator or --dev-clock serve it, never with Twilio sending)", Environment.NewLine,
            url, LocalSettings.AdminKeySetting, Environment.NewLine,
            twilio ? "Twilio (real phones)" : "the outbox", Environment.NewLine,
            arguments.DevClock ? "dev clock (POST /dev/clock moves it; texts are not paced)" : "system clock");
    }
}
