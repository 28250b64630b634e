using Microsoft.AspNetCore.Http;

namespace HappyTogether.Functions;

/// <summary>The headers of a page behind a signed link (the week page, an export): a couple's data, kept out of caches,
/// referrers and search engines.</summary>
public static class PrivatePages
{
    /// <summary>Sets them on the response, whatever its status, with the page's own content security policy.</summary>
    public static void KeepPrivate(this HttpRequest req, string contentSecurityPolicy)
    {
        var headers = req.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = contentSecurityPolicy;
    }

    /// <summary>The signed token a link carries: its query string up to any further parameter (<c>/api/w?{token}</c>,
    /// <c>/api/x?{token}&amp;format=csv</c>).</summary>
    public static string? LinkToken(this HttpRequest req) =>
        req.QueryString.Value is { Length: > 1 } query ? query[1..].Split('&')[0] : null;
}
