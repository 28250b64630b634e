using HappyTogether.Entry.Sending;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>Admin API for the outbound queue (function key required): what was given up on.</summary>
public sealed class OutboundApi(PoisonedJobs poisoned)
{
    [Function("GetPoisonedJobs")]
    public async Task<IActionResult> Poison(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "outbound/poison")] HttpRequest req, CancellationToken ct) =>
        new OkObjectResult(await poisoned.ReadAsync(ct: ct));
}
