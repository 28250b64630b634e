using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>Builds requests as the Functions ASP.NET Core integration hands them to a function.</summary>
public static class Http
{
    public static HttpRequest Json(string method, string json, string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return context.Request;
    }

    public static HttpRequest Get(string method = "GET") => new DefaultHttpContext { Request = { Method = method } }.Request;

    /// <summary>A GET of a link as the host hands it to its function: the link's path and query (its token).</summary>
    public static HttpRequest Link(string url, string extraQuery = "")
    {
        var uri = new Uri(url);
        var request = Get();
        request.Scheme = uri.Scheme;
        request.Host = new HostString(uri.Host);
        request.Path = uri.AbsolutePath;
        request.QueryString = new QueryString(uri.Query + extraQuery);
        return request;
    }

    /// <summary>The token of a link (/api/w?{token}).</summary>
    public static string TokenOf(string url) => url[(url.IndexOf('?') + 1)..];

    /// <summary>Status code of an action result.</summary>
    public static int? Status(IActionResult result) => result switch
    {
        ObjectResult o => o.StatusCode,
        StatusCodeResult s => s.StatusCode,
        _ => null,
    };

    /// <summary>The result's body as the response would serialize it.</summary>
    public static JsonElement Body(IActionResult result) =>
        JsonSerializer.SerializeToElement(((ObjectResult)result).Value, ((ObjectResult)result).Value!.GetType(), JsonSerializerOptions.Web);
}
