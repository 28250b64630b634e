using System.Reflection;
using System.Text.Json;
using HappyTogether.Functions;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Tests.Hosting;

/// <summary>A function as the Functions host sees it: its name and its trigger's settings.</summary>
/// <param name="Trigger">The binding type: httpTrigger, timerTrigger or queueTrigger.</param>
/// <param name="Methods">HTTP methods, lower case, comma separated.</param>
/// <param name="AuthLevel">HTTP authorization level as the metadata spells it (Anonymous, Function, Admin).</param>
/// <param name="Schedule">Timer schedule: a %Setting% so each environment sets its own cron.</param>
/// <param name="Queue">Queue name: a %Setting% as well.</param>
/// <param name="Connection">The storage connection's setting name (the host resolves AzureWebJobsStorage__*).</param>
public sealed record HostFunction(
    string Name,
    string Trigger,
    string? Methods = null,
    string? Route = null,
    string? AuthLevel = null,
    string? Schedule = null,
    string? Queue = null,
    string? Connection = null)
{
    /// <summary>
    /// Every function of the app, pinned here on purpose: a trigger, route, auth level or setting name changed in the code
    /// alone breaks the hosting tests, since the host, Twilio's webhook URLs and the Bicep settings depend on them.
    /// </summary>
    public static readonly IReadOnlyList<HostFunction> Pinned =
    [
        new("CreateCouple", "httpTrigger", "post", "couples", "Function"),
        new("DeleteCouple", "httpTrigger", "delete", "couples/{id}", "Function"),
        new("GetCouple", "httpTrigger", "get", "couples/{id}", "Function"),
        new("GetExport", "httpTrigger", "get", "x", "Anonymous"),
        new("GetNightPage", "httpTrigger", "get", "n", "Anonymous"),
        new("GetPoisonedJobs", "httpTrigger", "get", "outbound/poison", "Function"),
        new("GetRecap", "httpTrigger", "get", "couples/{id}/recap", "Function"),
        new("GetWeekPage", "httpTrigger", "get", "w", "Anonymous"),
        // Issue 29: the availability test probes it without a key.
        new("Health", "httpTrigger", "get", "health", "Anonymous"),
        new("Scheduler", "timerTrigger", Schedule: "%SchedulerSchedule%"),
        new("SendOutbound", "queueTrigger", Queue: "%OutboundQueue%", Connection: "AzureWebJobsStorage"),
        // Twilio posts to these without a function key; main.bicep prints them as the webhook URLs.
        new("SmsInbound", "httpTrigger", "post", "sms", "Anonymous"),
        new("SmsStatus", "httpTrigger", "post", "sms/status", "Anonymous"),
        new("Sweep", "timerTrigger", Schedule: "%SweepSchedule%"),
    ];

    /// <summary>The app settings a binding names as %Setting%.</summary>
    public IEnumerable<string> Settings() =>
        new[] { Schedule, Queue }.Where(s => s is not null && s.StartsWith('%')).Select(s => s!.Trim('%'));

    /// <summary>One line, so a failing comparison shows which function differs and how.</summary>
    public override string ToString() =>
        string.Join(" ", new[] { Name + ":", Trigger, Methods, Route is null ? null : "/" + Route, AuthLevel, Schedule, Queue, Connection }.Where(p => p is not null));

    /// <summary>Fails with the functions missing from and extra in <paramref name="actual"/>, then with any
    /// difference at all.</summary>
    public static void AssertPinned(IReadOnlyList<HostFunction> actual, string source)
    {
        var missing = Pinned.Except(actual).ToList();
        var extra = actual.Except(Pinned).ToList();
        Assert.True(missing.Count + extra.Count == 0,
            $"{source} does not match the pinned table (HostFunction.Pinned).\nPinned but not in {source}:\n  {string.Join("\n  ", missing)}\nIn {source} but not pinned:\n  {string.Join("\n  ", extra)}");
        Assert.Equal(Pinned, actual);
    }

    /// <summary>The trigger of one function from its metadata bindings (functions.metadata, or raw_bindings over
    /// gRPC): both spell a binding as the same JSON object.</summary>
    public static HostFunction FromBindings(string name, IEnumerable<JsonElement> bindings)
    {
        var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        string? Text(string property) => trigger.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var methods = trigger.TryGetProperty("methods", out var list)
            ? string.Join(",", list.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order())
            : null;
        return new(name, Text("type")!, methods, Text("route"), Text("authLevel"), Text("schedule"), Text("queueName"), Text("connection"));
    }

    /// <summary>Every [Function] method of the Functions assembly, read from its trigger attribute.</summary>
    public static IReadOnlyList<HostFunction> FromCode() =>
        typeof(SchedulerTimer).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Function is not null)
            .Select(f => FromAttribute(f.Function!.Name, f.Method.GetParameters().SelectMany(p => p.GetCustomAttributes()).Single(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal))))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The entry point the metadata must name for each function: Namespace.Type.Method.</summary>
    public static IReadOnlyDictionary<string, string> EntryPoints() =>
        typeof(SchedulerTimer).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (Type: t, Method: m, Function: m.GetCustomAttribute<FunctionAttribute>())))
            .Where(f => f.Function is not null)
            .ToDictionary(f => f.Function!.Name, f => $"{f.Type.FullName}.{f.Method.Name}");

    private static HostFunction FromAttribute(string name, Attribute trigger) => trigger switch
    {
        HttpTriggerAttribute http => new(name, "httpTrigger", string.Join(",", (http.Methods ?? []).Select(m => m.ToLowerInvariant()).Order()), http.Route, http.AuthLevel.ToString()),
        TimerTriggerAttribute timer => new(name, "timerTrigger", Schedule: timer.Schedule),
        QueueTriggerAttribute queue => new(name, "queueTrigger", Queue: queue.QueueName, Connection: queue.Connection),
        _ => throw new InvalidOperationException($"Function {name} has a trigger the hosting tests do not know: {trigger.GetType().Name}. Add it to HostFunction."),
    };
}

/// <summary>Where the Functions project's build output is, and what the repository holds.</summary>
public static class BuildOutput
{
    public static string Metadata(string key) =>
        typeof(BuildOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    /// <summary>functions/HappyTogether.Functions/bin/{Configuration}/net10.0/, built by the test project's
    /// reference.</summary>
    public static string Directory
    {
        get
        {
            var directory = Path.GetFullPath(Metadata("FunctionsOutput"));
            Assert.True(File.Exists(Path.Combine(directory, "functions.metadata")),
                $"No functions.metadata in {directory}: build the solution (dotnet build HappyTogether.sln) before the hosting tests.");
            return directory;
        }
    }

    public static string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    public static JsonElement Json(params string[] parts) => JsonDocument.Parse(File.ReadAllText(PathOf(parts))).RootElement;
}
