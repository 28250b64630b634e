using System.Text.RegularExpressions;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Functions;

/// <summary>Application Insights for the worker, as in the Functions samples, holding to the log privacy rules: no bodies, no whole numbers.</summary>
public static class Telemetry
{
    /// <summary>Adds Application Insights (connection string from APPLICATIONINSIGHTS_CONNECTION_STRING) with the Functions enrichments.</summary>
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, Action<ApplicationInsightsServiceOptions>? configure = null)
    {
        services.AddApplicationInsightsTelemetryWorkerService(options => configure?.Invoke(options));
        services.ConfigureFunctionsApplicationInsights();
        services.AddSingleton<ITelemetryInitializer, PhoneNumberScrubber>();
        // The SDK keeps only warnings from ILogger by default; the app's information lines (already masked) say what happened to a text.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (warningsOnly is not null) options.Rules.Remove(warningsOnly);
        });
        return services;
    }
}

/// <summary>
/// Masks phone numbers in what the SDK collects by itself: the phone index is keyed by number, so a
/// storage call's URL (a dependency) holds one whole. The app's own log lines are masked already.
/// </summary>
public sealed partial class PhoneNumberScrubber : ITelemetryInitializer
{
    // Ten or more digits, plain, after a + or its URL encoding (%2B), or with the separators numbers are
    // written with; not inside a longer token such as a GUID, whose dashes would pass for separators.
    [GeneratedRegex(@"(?:%2B|(?<![\w\-%]))\+?\(?\d(?:(?:[\s\-().]|%20){0,2}\d){9,14}(?![\w\-])", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneLike();

    public void Initialize(ITelemetry telemetry)
    {
        switch (telemetry)
        {
            case DependencyTelemetry dependency:
                dependency.Name = Scrub(dependency.Name);
                dependency.Data = Scrub(dependency.Data);
                break;
            case RequestTelemetry request:
                request.Name = Scrub(request.Name);
                if (request.Url is { } url && PhoneLike().IsMatch(url.OriginalString)) request.Url = new Uri(Scrub(url.OriginalString)!, UriKind.RelativeOrAbsolute);
                break;
            case TraceTelemetry trace:
                trace.Message = Scrub(trace.Message);
                break;
            case ExceptionTelemetry exception:
                exception.Message = Scrub(exception.Message);
                break;
        }
        if (telemetry is ISupportProperties withProperties)
        {
            foreach (var key in withProperties.Properties.Keys.ToList())
                withProperties.Properties[key] = Scrub(withProperties.Properties[key]) ?? "";
        }
    }

    /// <summary>All but the last four digits of each number hidden, as the app's logs show them.</summary>
    public static string? Scrub(string? text) =>
        text is null ? null : PhoneLike().Replace(text, match => "***" + new string(match.Value.Where(char.IsDigit).ToArray())[^4..]);
}
