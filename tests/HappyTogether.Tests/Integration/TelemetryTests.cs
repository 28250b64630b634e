using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using HappyTogether.Functions;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// The worker's Application Insights wiring (Program.cs's AddFunctionsTelemetry) on a real app, with a
/// channel that keeps what it would send: the app's log lines arrive, and nothing collected, logs or
/// the SDK's own storage dependencies, holds a whole phone number or a texted body.
/// </summary>
public sealed class TelemetryTests
{
    /// <summary>The edge where telemetry would leave the process.</summary>
    private sealed class KeptTelemetry : ITelemetryChannel
    {
        public ConcurrentQueue<ITelemetry> Items { get; } = new();
        public bool? DeveloperMode { get; set; }
        public string EndpointAddress { get; set; } = "http://127.0.0.1:9/";
        public void Send(ITelemetry item) => Items.Enqueue(item);
        public void Flush() { }
        public void Dispose() { }
    }

    private static void Options(ApplicationInsightsServiceOptions o)
    {
        o.ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/";
        // Modules that would call out of the machine (live metrics, the Azure instance metadata endpoint) stay off
        // here.
        o.EnableQuickPulseMetricStream = false;
        o.EnableAzureInstanceMetadataTelemetryModule = false;
        o.EnableAppServicesHeartbeatTelemetryModule = false;
        o.EnableHeartbeat = false;
        o.EnableAdaptiveSampling = false;
    }

    /// <summary>The app's services with the worker's telemetry (Program.cs's AddFunctionsTelemetry) sending to
    /// <paramref name="channel"/>.</summary>
    private static Task<TestApp> StartAsync(KeptTelemetry channel, DateTimeOffset? now = null) => TestApp.StartAsync(now, services: s =>
    {
        s.AddFunctionsTelemetry(Options);
        s.AddSingleton<ITelemetryChannel>(channel);
        // The Functions host always provides configuration; the Functions enrichments read it.
        s.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        // Function classes served over HTTP below write their results with MVC's executors, as in the worker.
        s.AddMvcCore();
    });

    /// <summary>A couple's evening through the timer and the queue: the question, both answers, the reveals; the
    /// telemetry flushed.</summary>
    private static async Task<Couple> AnEveningAsync(TestApp app)
    {
        var couple = await app.EnrollOptedInAsync();
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 2, 30, 0, TimeSpan.Zero));
        await app.Function<SchedulerTimer>().Run(null!, default);
        await app.DrainQueueAsync();
        await app.TextAsync(couple.A.Phone, "Our slow breakfast on Sunday, calm");
        await app.TextAsync(couple.B.Phone, "Dancing badly in the kitchen, happy");
        await app.DrainQueueAsync();
        app.Get<TelemetryClient>().Flush();
        return couple;
    }

    [Fact]
    public async Task Telemetry_carries_the_apps_log_lines_and_no_phone_number_or_body()
    {
        var channel = new KeptTelemetry();
        await using var app = await StartAsync(channel);
        var couple = await AnEveningAsync(app);

        var traces = channel.Items.OfType<TraceTelemetry>().ToList();
        Assert.Contains(traces, t => t.Message.StartsWith("Sent reveal", StringComparison.Ordinal));
        var dependencies = channel.Items.OfType<DependencyTelemetry>().ToList();
        // The phone index is keyed by number: its lookups are collected, with the number masked.
        Assert.Contains(dependencies, d => d.Data?.Contains("phones(PartitionKey='***0181'", StringComparison.OrdinalIgnoreCase) == true);

        var collected = channel.Items.SelectMany(Texts).ToList();
        LogPrivacy.Check(collected, app.Texted.All);
        Assert.DoesNotContain(collected, line => line.Contains(couple.A.Phone[2..], StringComparison.Ordinal) || line.Contains(Uri.EscapeDataString(couple.A.Phone), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_operational_counts_reach_Application_Insights_as_metrics_that_sampling_never_drops()
    {
        var channel = new KeptTelemetry();
        await using var app = await StartAsync(channel);
        var couple = await AnEveningAsync(app);

        // The meter is process-wide, so other tests' counts may arrive too: what matters is that these do, with their
        // dimensions, and that no dimension holds anything of a couple.
        var metrics = channel.Items.OfType<MetricTelemetry>().ToList();
        Assert.Contains(metrics, m => m.Name == "scheduler.ticks" && m.Sum >= 1);
        Assert.Contains(metrics, m => m.Name == "outbound.poisoned");
        Assert.Contains(metrics, m => m.Name == "texts.sent" && m.Properties.TryGetValue("kind", out var kind) && kind == "reveal");
        Assert.Contains(metrics, m => m.Name == "replies.answers" && m.Sum >= 2);
        Assert.DoesNotContain(metrics.SelectMany(m => m.Properties.Values), value => value.Contains(couple.A.Phone[2..], StringComparison.Ordinal) || value.Contains(couple.Id, StringComparison.Ordinal));
    }

    /// <summary>
    /// The worker's HTTP side on a real Kestrel, as ConfigureFunctionsWebApplication runs it: ASP.NET
    /// Core's hosting writes its request lines and scopes through the same telemetry, and each route
    /// runs its function class with the app's services.
    /// </summary>
    private static async Task<(WebApplication Web, HttpClient Client)> ServeAsync(TestApp app, KeptTelemetry channel)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddFunctionsTelemetry(Options);
        builder.Services.AddSingleton<ITelemetryChannel>(channel);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        web.Use((http, next) =>
        {
            http.RequestServices = app.Services;
            return next(http);
        });
        web.MapFunctionRoutes();
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (web, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>A text through the signed webhook over HTTP, as Twilio posts it; the reply's text, if any.</summary>
    private static async Task<string?> TextAsync(TestApp app, HttpClient client, string from, string body)
    {
        app.Texted.Add(body);
        var form = Sms.InboundForm(from, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Sms.Sign(Sms.PublicBaseUrl + "/api/sms", form, FakeTwilioApi.AuthToken));
        using var response = await client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")?.Value;
    }

    /// <summary>Opens a link the app texted, over HTTP, by its path and query as a phone would.</summary>
    private static async Task<string> OpenAsync(HttpClient client, string link, string extra = "")
    {
        using var response = await client.GetAsync(new Uri(link).PathAndQuery + extra);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every five-minute scheduler tick from now until <paramref name="until"/>.</summary>
    private static Task RunUntilAsync(TestApp app, DateTimeOffset until)
    {
        var now = app.Clock.GetUtcNow();
        return app.RunTimerAsync(Enumerable.Range(1, (int)((until - now).TotalMinutes / 5)).Select(n => now.AddMinutes(5 * n)).Append(until));
    }

    [Fact]
    public async Task Opening_every_link_the_app_texted_sends_no_link_token_pairing_code_or_whole_number()
    {
        const string ana = "+13125550181", sam = "+13125550182";
        var channel = new KeptTelemetry();
        await using var app = await StartAsync(channel, new DateTimeOffset(2027, 1, 4, 18, 0, 0, TimeSpan.Zero));
        var (web, client) = await ServeAsync(app, channel);
        await using var _ = web;
        using var __ = client;

        // Ana signs up and gets a pairing code; Sam joins with it; both say YES.
        await TextAsync(app, client, ana, "JOIN");
        var code = SignUpSteps.CodeIn((await TextAsync(app, client, ana, "Ana"))!);
        Assert.Matches(@"^\d{4} \d{4} \d{4}$", code);
        await TextAsync(app, client, sam, $"JOIN {code}");
        await TextAsync(app, client, sam, "Sam");
        await app.DrainQueueAsync();
        await TextAsync(app, client, ana, "YES");
        await TextAsync(app, client, sam, "YES");
        var couple = (await app.Get<HappyTogether.Model.Couples.CoupleStore>().FindByPhoneAsync(ana))!.Value.Couple;

        // A week of evenings, answered by both, up to Sunday's recap and its links.
        var start = new DateTimeOffset(2027, 1, 5, 2, 30, 0, TimeSpan.Zero);
        for (var night = 0; night < 7; night++)
        {
            await RunUntilAsync(app, start.AddDays(night));
            await TextAsync(app, client, ana, $"Night {night} was a slow dinner together, calm");
            await TextAsync(app, client, sam, $"Night {night} we laughed at the cat, happy");
            await app.DrainQueueAsync();
        }
        await RunUntilAsync(app, start.AddDays(6).AddHours(12));
        var links = new List<string>();
        foreach (var key in new[] { "a", "b" })
        {
            var recap = Assert.Single(await app.ReceivedAsync(couple, key), t => t.Kind == TextKind.Recap);
            links.Add(recap.Body[(recap.Body.LastIndexOf(' ') + 1)..]);
        }
        foreach (var from in new[] { ana, sam })
        {
            var reply = (await TextAsync(app, client, from, "EXPORT"))!;
            links.Add(reply[reply.IndexOf("https://", StringComparison.Ordinal)..].Split(' ')[0]);
        }
        Assert.Equal(2, links.Count(l => l.Contains("/api/w?")));
        Assert.Equal(2, links.Count(l => l.Contains("/api/x?")));
        foreach (var link in links)
        {
            Assert.Contains("<html", await OpenAsync(client, link));
            if (link.Contains("/api/x?"))
            {
                Assert.StartsWith("\uFEFFdate,who", await OpenAsync(client, link, "&format=csv"));
                Assert.Contains("\"answers\"", await OpenAsync(client, link, "&format=json"));
            }
        }
        await web.StopAsync();
        app.Get<TelemetryClient>().Flush();

        var collected = channel.Items.SelectMany(Texts).ToList();
        // What would leak is there to be scrubbed: ASP.NET Core's request lines for each link and the sign-up table's
        // lookups.
        Assert.Contains(collected, line => line.Contains("Request starting", StringComparison.Ordinal) && line.Contains("/api/w?***", StringComparison.Ordinal));
        Assert.Contains(collected, line => line.Contains("/api/x?***&format=csv", StringComparison.Ordinal));
        Assert.Contains(collected, line => Regex.IsMatch(line, "RowKey=(%27|')\\*{6}"));
        foreach (var token in links.Select(Http.TokenOf))
            Assert.DoesNotContain(collected, line => line.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(collected, line => Regex.IsMatch(line, $@"(?<!\d){code.Replace(" ", "")}(?!\d)") || line.Contains(code, StringComparison.Ordinal));
        LogPrivacy.Check(collected, app.Texted.All);
        foreach (var phone in new[] { ana, sam })
            Assert.DoesNotContain(collected, line => line.Contains(phone[2..], StringComparison.Ordinal) || line.Contains(Uri.EscapeDataString(phone), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET /phones(PartitionKey='%2B13125550181',RowKey='phone')", "GET /phones(PartitionKey='***0181',RowKey='phone')")]
    [InlineData("to +1 (312) 555-0181 today", "to ***0181 today")]
    [InlineData("invocation bcb5e889-1747-4413-8579-7a7fdd194998", "invocation bcb5e889-1747-4413-8579-7a7fdd194998")]
    [InlineData("ref 638712345678901234 and ***0181", "ref 638712345678901234 and ***0181")]
    [InlineData("GET http://127.0.0.1:7071/api/w?AQEjRWeJq83vAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAA - - -", "GET http://127.0.0.1:7071/api/w?*** - - -")]
    [InlineData("/api/x?AQEjRWeJq83vAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&format=csv", "/api/x?***&format=csv")]
    [InlineData("GET /signups(PartitionKey=%27code%27,RowKey=%27012345%27)", "GET /signups(PartitionKey=%27code%27,RowKey=%27******%27)")]
    [InlineData("text JOIN 012345 to", "text JOIN ****** to")]
    [InlineData("GET /signups(PartitionKey='code',RowKey='906992666402')", "GET /signups(PartitionKey='code',RowKey='******')")]
    [InlineData("text JOIN 9069 9266 6402 to", "text JOIN ****** to")]
    [InlineData("SM00000001a1b2c3d4e5f6a7b8c9d0e1f2a3 and 0123456789abcdef", "SM00000001a1b2c3d4e5f6a7b8c9d0e1f2a3 and 0123456789abcdef")]
    public void The_scrubber_masks_whole_numbers_and_leaves_ids_alone(string text, string scrubbed) =>
        Assert.Equal(scrubbed, TelemetryScrubber.Scrub(text));

    private static IEnumerable<string?> Fields(ITelemetry item) => item switch
    {
        TraceTelemetry t => [t.Message],
        DependencyTelemetry d => [d.Name, d.Data, d.Target],
        RequestTelemetry r => [r.Name, r.Url?.ToString()],
        ExceptionTelemetry e => [e.Message, e.Exception?.Message],
        _ => [],
    };

    private static IEnumerable<string> Texts(ITelemetry item) =>
        Fields(item).Concat(item is ISupportProperties p ? p.Properties.Values : []).Concat(item.Context.GlobalProperties.Values).Append(item.Context.Operation.Name)
            .Where(t => !string.IsNullOrEmpty(t)).Select(t => t!);
}
