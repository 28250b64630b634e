using HappyTogether.WeekPage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>The picture of the week behind the signed link a weekly recap ends with. Anonymous: the link itself is the key.</summary>
public sealed class WeekPageFunction(WeekPages pages)
{
    [Function("GetWeekPage")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "w/{token}")] HttpRequest req, string token, CancellationToken ct)
    {
        req.KeepPrivate(WeekPageHtml.ContentSecurityPolicy);

        var page = await pages.OpenAsync(token, ct);
        return new ContentResult { Content = page.Html, ContentType = "text/html; charset=utf-8", StatusCode = page.Status };
    }
}
