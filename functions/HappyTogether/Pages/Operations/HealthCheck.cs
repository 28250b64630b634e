using Azure;
using HappyTogether.Foundation.Settings;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HappyTogether.Pages.Operations;

/// <summary>What GET /api/health reports: storage reachable, each secret setting resolved, the scheduler's last
/// tick. Names and times only, nothing of any couple.</summary>
public sealed record HealthReport(bool Healthy, string Storage, IReadOnlyDictionary<string, string> Secrets, DateTimeOffset? SchedulerLastTickUtc, int? SchedulerMinutesAgo);

/// <summary>The health check an availability test and the operator's verify script call.</summary>
public sealed class HealthCheck(SchedulerHeartbeat heartbeat, OutboundQueue queue, IOptions<HappyTogetherOptions> options, TimeProvider clock, ILogger<HealthCheck> log)
{
    /// <summary>Past this the scheduler counts as stopped (three ticks at the default five minutes), as the
    /// heartbeat alert does.</summary>
    public static readonly TimeSpan SchedulerStaleAfter = TimeSpan.FromMinutes(15);

    public async Task<HealthReport> CheckAsync(CancellationToken ct = default)
    {
        var secrets = SecretSettings.All.ToDictionary(s => s.Name, s => s.Value(options.Value) switch
        {
            null or "" => "not set",
            var value when SecretSettings.IsUnresolved(value) => "unresolved",
            _ => "resolved",
        });

        DateTimeOffset? last = null;
        var storage = "ok";
        try
        {
            last = await heartbeat.LastAsync(ct);
            await queue.Client.GetPropertiesAsync(ct);
        }
        catch (RequestFailedException e)
        {
            storage = "unreachable";
            log.LogWarning("Health: storage answered {Status} {Code}.", e.Status, e.ErrorCode);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Azure.Identity.AuthenticationFailedException
            or OperationCanceledException && !ct.IsCancellationRequested)
        {
            storage = "unreachable";
            log.LogWarning("Health: storage could not be reached ({Error}).", e.GetType().Name);
        }

        var now = clock.GetUtcNow();
        int? minutes = last is { } at ? (int)Math.Max(0, (now - at).TotalMinutes) : null;
        var healthy = storage == "ok" && !secrets.ContainsValue("unresolved") && last is { } tick && now - tick <= SchedulerStaleAfter;
        return new HealthReport(healthy, storage, secrets, last, minutes);
    }
}
