using System.Net;
using System.Reflection;
using HappyTogether.Entry.Sending;
using HappyTogether.Functions;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// The local host serves what the function classes declare: every [HttpTrigger] on its route and
/// methods, through its own function (checked by a real request on Kestrel, 127.0.0.1), and the
/// scheduler through the timer function class.
/// </summary>
public sealed class LocalHostTests
{
    private const string AdminKey = "Local-Host-Routes-Key-7";

    /// <summary>The HTTP triggers as the attributes declare them, read here independently of the host's own
    /// reading.</summary>
    private static List<(string Function, string Method, string Route, bool Keyed)> Declared() =>
        [.. typeof(SmsWebhook).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>()?.Name, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .SelectMany(f => f.Trigger!.Methods!.Select(method => (f.Function!, method.ToUpperInvariant(), f.Trigger.Route!, f.Trigger.AuthLevel != AuthorizationLevel.Anonymous)))];

    [Fact]
    public async Task Every_http_trigger_is_served_on_its_route_by_its_own_function()
    {
        var declared = Declared();
        Assert.True(declared.Count >= 7, $"Expected the app's HTTP triggers, found {declared.Count}.");
        var served = new List<(string? Endpoint, string Method, string Path, HttpStatusCode Status)>();
        await using var app = await LocalHostApp.StartAsync(AdminKey, web => web.Use(async (context, next) =>
        {
            // Noted before the response starts, so the client never reads a response whose request is not yet in the
            // list.
            context.Response.OnStarting(() =>
            {
                lock (served) served.Add((context.GetEndpoint()?.Metadata.GetMetadata<EndpointNameMetadata>()?.EndpointName, context.Request.Method, context.Request.Path, (HttpStatusCode)context.Response.StatusCode));
                return Task.CompletedTask;
            });
            await next(context);
        }));
        var client = app.Client;
        foreach (var (function, method, route, keyed) in declared)
        {
            // Every route value ({id}, {token}) names nothing.
            var path = "/api/" + System.Text.RegularExpressions.Regex.Replace(route, @"\{\w+\}", "no-such-thing");
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (keyed) request.Headers.Add("x-functions-key", AdminKey);
            if (method == "POST") request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = "hello" });
            using var response = await client.SendAsync(request);
            var seen = served.Last();
            Assert.Equal((function, method, path), (seen.Endpoint, seen.Method, seen.Path));
            Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            // A keyed route without its key is refused before the function runs; an anonymous one is never keyed.
            using var unkeyed = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new FormUrlEncodedContent([]) : null };
            var status = (await client.SendAsync(unkeyed)).StatusCode;
            Assert.True(keyed ? status == HttpStatusCode.Unauthorized : status != HttpStatusCode.Unauthorized, $"{function} without a key answered {status}.");
        }
        // Nothing is served that the function classes do not declare.
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.Metadata.GetMetadata<EndpointNameMetadata>()?.EndpointName ?? $"(unnamed {e.RoutePattern.RawText})").ToHashSet();
        Assert.Equal(declared.Select(d => d.Function).ToHashSet(), endpoints);
    }

    [Fact]
    public async Task The_local_scheduler_runs_the_timer_function_class_so_the_poison_queue_warning_fires_locally_too()
    {
        await using var app = await TestApp.StartAsync();
        var poison = app.Get<PoisonedJobs>().Client;
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(OutboundJob.ToMessage([new OutboundJob("c1", TextKind.Evening, new DateOnly(2027, 1, 4), ["a"])]));

        await SchedulerWorker.TickAsync(app.Services, CancellationToken.None);

        Assert.Single(app.Logs.Lines, l => l.StartsWith("Warning") && l.Contains("1 outbound messages are in the poison queue"));
    }

    [Fact]
    public void The_queue_trigger_emulation_reads_host_json()
    {
        var hostJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "../../../../../host.json"));
        var settings = QueueTriggerSettings.FromHostJson();
        Assert.Equal(QueueTriggerSettings.Parse(hostJson), settings);
        // What host.json leaves out takes the Functions host's defaults.
        Assert.Equal(new QueueTriggerSettings(16, 8, TimeSpan.Zero, 5), QueueTriggerSettings.Parse("""{"version":"2.0"}"""));
    }
}
