using HappyTogether.Pages.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>GET /api/health for the availability test and the operator: 200 when storage answers, every secret
/// setting is resolved and the scheduler ticked lately; 503 otherwise. Anonymous: it says nothing of any
/// couple.</summary>
public sealed class HealthFunction(HealthCheck health)
{
    [Function("Health")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, CancellationToken ct)
    {
        var report = await health.CheckAsync(ct);
        req.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ObjectResult(report) { StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable };
    }
}
