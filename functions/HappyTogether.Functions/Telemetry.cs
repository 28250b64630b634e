using System.Text.RegularExpressions;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Functions;

/// <summary>Application Insights for the worker, as in the Functions samples, holding to the log privacy rules: no
/// bodies, whole numbers, link tokens or pairing codes.</summary>
public static class Telemetry
{
    /// <summary>Adds Application Insights (connection string from APPLICATIONINSIGHTS_CONNECTION_STRING) with the
    /// Functions enrichments.</summary>
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, Action<ApplicationInsightsServiceOptions>? configure = null)
    {
        services.AddApplicationInsightsTelemetryWorkerService(options => configure?.Invoke(options));
        services.ConfigureFunctionsApplicationInsights();
        services.AddSingleton<ITelemetryInitializer, TelemetryScrubber>();
        services.AddHostedService<OpsMetricsForwarder>();
        // The SDK keeps only warnings from ILogger by default; the app's information lines (already masked) say what
        // happened to a text.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (warningsOnly is not null) options.Rules.Remove(warningsOnly);
        });
        return services;
    }
}

/// <summary>
/// Masks what the SDK collects by itself and the app must never send: whole phone numbers (the phone
/// index is keyed by number, so a storage call's URL holds one), link tokens (ASP.NET Core's request
/// lines and scopes carry a link's query string) and pairing codes (the sign-up table is keyed by code).
/// The app's own log lines are masked already.
/// </summary>
public sealed partial class TelemetryScrubber : ITelemetryInitializer
{
    // Ten or more digits, plain, after a + or its URL encoding (%2B), or with the separators numbers are
    // written with; not inside a longer token such as a GUID, whose dashes would pass for separators.
    [GeneratedRegex(@"(?:%2B|(?<![\w\-%]))\+?\(?\d(?:(?:[\s\-().]|%20){0,2}\d){9,14}(?![\w\-])", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneLike();

    // A signed link's token: 43 base64url characters standing alone (SignedLinks.TokenLength). Anything
    // else that long and alike is masked too; an id is never that shape.
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])[A-Za-z0-9_\-]{43}(?![A-Za-z0-9_\-])")]
    private static partial Regex TokenLike();

    // A pairing code: the sign-up table's row key under the "code" partition (quotes plain or URL-encoded), or after
    // JOIN.
    [GeneratedRegex(@"(PartitionKey=(?:'|%27)code(?:'|%27),\s*RowKey=(?:'|%27))\d{6,12}|(\bJOIN\W{0,3})\d(?:[\s.\-]?\d){5,11}(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex PairingCode();

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
                if (request.Url is { } url && Scrub(url.OriginalString) is { } scrubbed && scrubbed != url.OriginalString)
                    request.Url = new Uri(scrubbed, UriKind.RelativeOrAbsolute);
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

    /// <summary>All but the last four digits of each number hidden, as the app's logs show them; tokens and pairing
    /// codes hidden whole.</summary>
    public static string? Scrub(string? text)
    {
        if (text is null) return null;
        text = PairingCode().Replace(text, match => match.Groups[1].Value + match.Groups[2].Value + "******");
        text = TokenLike().Replace(text, "***");
        return PhoneLike().Replace(text, match => "***" + new string(match.Value.Where(char.IsDigit).ToArray())[^4..]);
    }
}
