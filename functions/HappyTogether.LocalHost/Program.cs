using HappyTogether;
using HappyTogether.LocalHost;
using HappyTogether.LocalHost.Dev;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.LocalHost.Operator;
using HappyTogether.Sending;
using Microsoft.Extensions.Time.Testing;

// The local development host: the function app's routes, schedule and queue processing on one
// machine. Production runs on Azure Functions; this host binds to 127.0.0.1 only.
if (args.FirstOrDefault() == TwilioWebhooksCommand.Name)
{
    var settings = new ConfigurationManager();
    LocalSettings.Add(settings, []);
    return await TwilioWebhooksCommand.RunAsync(args, settings, Console.Out);
}

var devClock = args.Contains("--dev-clock");
var demo = args.Contains("--demo");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var port = Option("--port") is { } p ? int.Parse(p) : 7071;
var start = Option("--start") is { } s ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : TimeProvider.System.GetUtcNow();

var builder = WebApplication.CreateBuilder(args.Where(a => a is not ("--dev-clock" or "--demo")).ToArray());
LocalSettings.Add(builder.Configuration, args.Where(a => a.Contains('=')).ToArray());
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Services.AddMvcCore();
builder.Services.AddHttpClient();
if (devClock)
{
    // Each reading moves the clock on by a millisecond, so texts keep their order on the page.
    builder.Services.AddSingleton(new FakeTimeProvider(start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) });
    builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<FakeTimeProvider>());
    builder.Services.AddSingleton<DevClock>();
    // Simulated time stands still while work runs, so pacing by it would never end: the dev clock sends at once.
    builder.Configuration.AddInMemoryCollection([new("SendRatePerSecond", "0")]);
}
builder.Services.AddHappyTogether(builder.Configuration);
builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OutboxSmsSender>(sp));
builder.Services.AddSingleton(sp => QueueTriggerHost.ForOutbound(sp));
builder.Services.AddHostedService<QueueWorker>();
if (!devClock) builder.Services.AddHostedService<SchedulerWorker>();
builder.Services.AddSingleton<DemoCouple>();

var app = builder.Build();
app.MapFunctionRoutes();
app.MapDevRoutes();

await app.StartAsync();
if (demo) await app.Services.GetRequiredService<DemoCouple>().EnsureAsync();
var url = $"http://127.0.0.1:{port}";
app.Logger.LogWarning(
    "HappyTogether LOCAL DEVELOPMENT HOST (not for production; deploy to Azure Functions). Listening on {Url} only.{NewLine}"
    + "  Simulator:  {Url}/dev{NewLine}  Admin API:  {Url}/api/couples with header x-functions-key (setting {Setting}){NewLine}  Clock:      {Clock}",
    url, Environment.NewLine, url, Environment.NewLine, url, LocalSettings.AdminKeySetting, Environment.NewLine,
    devClock ? "dev clock (POST /dev/clock moves it; texts are not paced)" : "system clock");
await app.WaitForShutdownAsync();
return 0;
