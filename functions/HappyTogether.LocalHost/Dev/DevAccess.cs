using HappyTogether.LocalHost.Hosting;

namespace HappyTogether.LocalHost.Dev;

/// <summary>
/// /dev answers only requests addressed to a loopback name and not relayed: a site whose DNS name
/// was rebound to 127.0.0.1 sends its own Host header, and a tunnel its own Host or forwarding
/// headers, so neither reaches the simulator (which signs any text it is given).
/// </summary>
public static class DevAccess
{
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"];

    public static bool Allows(HttpRequest request) =>
        LoopbackOnly.IsLoopback(request.Host.Host) && !ForwardingHeaders.Any(request.Headers.ContainsKey);

    /// <summary>Answers 403 to any /dev request that <see cref="Allows"/> refuses, before it is read.</summary>
    public static void UseDevAccess(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/dev") && !Allows(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("The simulator answers only on this machine, at http://127.0.0.1:<port>/dev.");
            return;
        }
        await next(context);
    });
}
