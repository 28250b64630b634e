using System.Collections.Concurrent;
using HappyTogether.Functions;
using HappyTogether.Tests.Infrastructure;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Telemetry_carries_the_apps_log_lines_and_no_phone_number_or_body()
    {
        var channel = new KeptTelemetry();
        await using var app = await TestApp.StartAsync(services: s =>
        {
            s.AddFunctionsTelemetry(o =>
            {
                o.ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/";
                // Modules that would call out of the machine (live metrics, the Azure instance metadata endpoint) stay off here.
                o.EnableQuickPulseMetricStream = false;
                o.EnableAzureInstanceMetadataTelemetryModule = false;
                o.EnableAppServicesHeartbeatTelemetryModule = false;
                o.EnableHeartbeat = false;
                o.EnableAdaptiveSampling = false;
            });
            s.AddSingleton<ITelemetryChannel>(channel);
            // The Functions host always provides configuration; the Functions enrichments read it.
            s.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        });
        var couple = await app.EnrolOptedInAsync();
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 2, 30, 0, TimeSpan.Zero));
        await app.Function<SchedulerTimer>().Run(null!, default);
        await app.DrainQueueAsync();
        await app.TextAsync(couple.A.Phone, "Our slow breakfast on Sunday, calm");
        await app.TextAsync(couple.B.Phone, "Dancing badly in the kitchen, happy");
        await app.DrainQueueAsync();
        app.Get<TelemetryClient>().Flush();

        var traces = channel.Items.OfType<TraceTelemetry>().ToList();
        Assert.Contains(traces, t => t.Message.StartsWith("Sent reveal", StringComparison.Ordinal));
        var dependencies = channel.Items.OfType<DependencyTelemetry>().ToList();
        // The phone index is keyed by number: its lookups are collected, with the number masked.
        Assert.Contains(dependencies, d => d.Data?.Contains("phones(PartitionKey='***0181'", StringComparison.OrdinalIgnoreCase) == true);

        var collected = channel.Items.SelectMany(Texts).ToList();
        LogPrivacy.Check(collected, app.Texted.All);
        Assert.DoesNotContain(collected, line => line.Contains(couple.A.Phone[2..], StringComparison.Ordinal) || line.Contains(Uri.EscapeDataString(couple.A.Phone), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET /phones(PartitionKey='%2B13125550181',RowKey='phone')", "GET /phones(PartitionKey='***0181',RowKey='phone')")]
    [InlineData("to +1 (312) 555-0181 today", "to ***0181 today")]
    [InlineData("invocation bcb5e889-1747-4413-8579-7a7fdd194998", "invocation bcb5e889-1747-4413-8579-7a7fdd194998")]
    [InlineData("ref 638712345678901234 and ***0181", "ref 638712345678901234 and ***0181")]
    public void The_scrubber_masks_whole_numbers_and_leaves_ids_alone(string text, string scrubbed) =>
        Assert.Equal(scrubbed, PhoneNumberScrubber.Scrub(text));

    private static IEnumerable<string?> Fields(ITelemetry item) => item switch
    {
        TraceTelemetry t => [t.Message],
        DependencyTelemetry d => [d.Name, d.Data, d.Target],
        RequestTelemetry r => [r.Name, r.Url?.ToString()],
        ExceptionTelemetry e => [e.Message, e.Exception?.Message],
        _ => [],
    };

    private static IEnumerable<string> Texts(ITelemetry item) =>
        Fields(item).Concat(item is ISupportProperties p ? p.Properties.Values : []).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!);
}
