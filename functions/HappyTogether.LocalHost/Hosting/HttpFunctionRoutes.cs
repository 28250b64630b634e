using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.LocalHost.Hosting;

/// <summary>
/// Serves every HTTP trigger the function classes declare (<see cref="FunctionTriggers.Http"/>), through
/// those classes. Routes above anonymous level need the key as Functions takes it: the x-functions-key
/// header or ?code=.
/// </summary>
public static class HttpFunctionRoutes
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

        foreach (var function in FunctionTriggers.Http())
        {
            var endpoint = app.MapMethods(function.Path, function.Methods, (HttpContext http) => RunAsync(http, function)).WithName(function.Name);
            if (function.Level != AuthorizationLevel.Anonymous) endpoint.AddEndpointFilter(RequireKey);
        }
    }

    /// <summary>Builds the function class as the Functions host does, binds the request, route values and cancellation,
    /// and writes its IActionResult.</summary>
    private static async Task RunAsync(HttpContext http, HttpFunction function)
    {
        var instance = ActivatorUtilities.CreateInstance(http.RequestServices, function.Method.DeclaringType!);
        var arguments = function.Method.GetParameters().Select(p => Bind(p, http)).ToArray();
        var result = await (Task<IActionResult>)function.Method.Invoke(instance, arguments)!;
        await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }

    private static object? Bind(ParameterInfo parameter, HttpContext http) => parameter.ParameterType switch
    {
        var t when t == typeof(HttpRequest) => http.Request,
        var t when t == typeof(CancellationToken) => http.RequestAborted,
        var t when t == typeof(string) => http.GetRouteValue(parameter.Name!)?.ToString(),
        var t => throw new NotSupportedException($"The local host cannot bind {t.Name} {parameter.Name} of {parameter.Member.Name}."),
    };
}
