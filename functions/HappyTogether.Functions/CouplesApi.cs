using System.Text.Json;
using HappyTogether.Content.Recap;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Erasure;
using HappyTogether.Model.Couples;
using HappyTogether.Pages.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>Admin API for couples (function key required).</summary>
public sealed class CouplesApi(Enrollment enrollment, CoupleViews views, CoupleErasure erasure, CoupleStore couples, RecapService recaps, TimeProvider clock)
{
    [Function("CreateCouple")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "couples")] HttpRequest req, CancellationToken ct)
    {
        EnrollmentRequest? body;
        try
        {
            body = await req.ReadFromJsonAsync<EnrollmentRequest>(JsonSerializerOptions.Web, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Problems.BadRequest("body", "Send a JSON object with two partners, e.g. {\"partners\":[{\"name\":\"Ana\",\"phone\":\"+13125550123\"},{...}]}.");
        }
        if (body is null) return Problems.BadRequest("body", "Send a JSON object with two partners.");

        return await enrollment.EnrollAsync(body, ct: ct) switch
        {
            EnrollmentResult.Enrolled e => new CreatedResult($"/api/couples/{e.Couple.Id}", CoupleViews.View(e.Couple, [])),
            EnrollmentResult.Invalid i => Problems.BadRequest(i.Field, i.Detail),
            EnrollmentResult.Conflict c => Problems.Conflict(c.Field, c.Detail),
            _ => throw new InvalidOperationException("Unexpected enrollment result."),
        };
    }

    [Function("GetCouple")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "couples/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        await views.ViewAsync(id, ct) is { } view ? new OkObjectResult(view) : Problems.NotFound(id);

    [Function("GetRecap")]
    public async Task<IActionResult> Recap(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "couples/{id}/recap")] HttpRequest req, string id, CancellationToken ct)
    {
        if (await couples.GetAsync(id, ct) is not { } couple) return Problems.NotFound(id);
        string? week = req.Query["week"];
        if (!RecapService.TryParseWeek(week, clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(couple.TimeZone), out var end))
            return Problems.BadRequest("week", $"'{week}' is not an ISO week; write it like 2027-W01.");
        return new OkObjectResult(await recaps.ComputeAsync(couple, end, ct));
    }

    [Function("DeleteCouple")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "couples/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        await erasure.EraseAsync(id, ct) ? new NoContentResult() : Problems.NotFound(id);
}
