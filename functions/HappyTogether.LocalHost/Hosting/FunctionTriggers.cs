using System.Reflection;
using HappyTogether.Functions;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.LocalHost.Hosting;

/// <summary>An HTTP-triggered function as the function app declares it: name, methods, route and key level.</summary>
public sealed record HttpFunction(string Name, MethodInfo Method, IReadOnlyList<string> Methods, string Route, AuthorizationLevel Level)
{
    /// <summary>The path the Functions host serves it under (default route prefix "api").</summary>
    public string Path => "/api/" + Route;
}

/// <summary>The triggers the function classes declare with [Function] and their trigger attributes, read by
/// reflection.</summary>
public static class FunctionTriggers
{
    // Read once: the dev clock asks for the timer at every tick.
    private static readonly IReadOnlyList<(MethodInfo Method, string Name)> Declared = [.. ReadDeclared()];

    private static IEnumerable<(MethodInfo Method, string Name)> ReadDeclared() =>
        typeof(SmsWebhook).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (method, method.GetCustomAttribute<FunctionAttribute>()?.Name))
            .Where(f => f.Name is not null)
            .Select(f => (f.method, f.Name!));

    /// <summary>Every HTTP trigger of the function app.</summary>
    public static IReadOnlyList<HttpFunction> Http() =>
        Declared
            .Select(f => (f.Method, f.Name, Trigger: f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
            .Where(f => f.Trigger is not null)
            .Select(f => new HttpFunction(
                f.Name,
                f.Method,
                (f.Trigger!.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToList(),
                f.Trigger.Route ?? f.Name,
                f.Trigger.AuthLevel))
            .ToList();

    /// <summary>The scheduler's timer function: its method and its schedule as declared, e.g.
    /// "%SchedulerSchedule%".</summary>
    public static (MethodInfo Method, string Schedule) Timer() => Timer(SchedulerTimer.Name);

    /// <summary>A timer function by name (the scheduler, the daily sweep): its method and its schedule as
    /// declared.</summary>
    public static (MethodInfo Method, string Schedule) Timer(string name)
    {
        var method = Declared.Single(f => f.Name == name).Method;
        return (method, method.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).Single(a => a is not null)!.Schedule);
    }

    /// <summary>The timer's schedule with a %Setting% reference resolved from configuration, as the host resolves
    /// it.</summary>
    public static string TimerSchedule(IConfiguration configuration) => TimerSchedule(configuration, SchedulerTimer.Name);

    /// <inheritdoc cref="TimerSchedule(IConfiguration)"/>
    public static string TimerSchedule(IConfiguration configuration, string name)
    {
        var schedule = Timer(name).Schedule;
        if (!(schedule.StartsWith('%') && schedule.EndsWith('%'))) return schedule;
        var setting = schedule.Trim('%');
        return configuration[setting] ?? throw new InvalidOperationException($"The timer function needs the setting {setting}.");
    }
}
