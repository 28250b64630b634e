using System.Security.Cryptography;
using System.Text;
using HappyTogether.Functions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace HappyTogether.LocalHost;

/// <summary>
/// The function app's HTTP routes, served by the same function classes. Admin routes need the key
/// as Functions takes it: the x-functions-key header or ?code=.
/// </summary>
public static class FunctionEndpoints
{
    public static void MapFunctionRoutes(this WebApplication app)
    {
        var key = app.Configuration[LocalSettings.AdminKeySetting] ?? "";
        async ValueTask<object?> RequireKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var request = context.HttpContext.Request;
            var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
            if (string.IsNullOrEmpty(given)) return Results.Unauthorized();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key))) return Results.StatusCode(StatusCodes.Status403Forbidden);
            return await next(context);
        }
        var admin = app.MapGroup("/api/couples").AddEndpointFilter(RequireKey);
        admin.MapPost("", (HttpContext http, CancellationToken _) => Run<CouplesApi>(http, (f, ct) => f.Create(http.Request, ct)));
        admin.MapGet("/{id}", (HttpContext http, string id) => Run<CouplesApi>(http, (f, ct) => f.Get(http.Request, id, ct)));
        admin.MapGet("/{id}/recap", (HttpContext http, string id) => Run<CouplesApi>(http, (f, ct) => f.Recap(http.Request, id, ct)));
        admin.MapDelete("/{id}", (HttpContext http, string id) => Run<CouplesApi>(http, (f, ct) => f.Delete(http.Request, id, ct)));
        app.MapGet("/api/outbound/poison", (HttpContext http, CancellationToken _) => Run<OutboundApi>(http, (f, ct) => f.Poison(http.Request, ct))).AddEndpointFilter(RequireKey);

        app.MapPost("/api/sms", (HttpContext http, CancellationToken _) => Run<SmsWebhook>(http, (f, ct) => f.Inbound(http.Request, ct)));
        app.MapPost("/api/sms/status", (HttpContext http, CancellationToken _) => Run<SmsWebhook>(http, (f, ct) => f.Status(http.Request, ct)));
    }

    /// <summary>Builds the function class as the Functions host does and writes its IActionResult.</summary>
    private static async Task Run<TFunction>(HttpContext http, Func<TFunction, CancellationToken, Task<IActionResult>> call)
    {
        var function = ActivatorUtilities.CreateInstance<TFunction>(http.RequestServices);
        var result = await call(function, http.RequestAborted);
        await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }
}
