using HappyTogether.Pages.WeekPage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>
/// The picture of the week behind the signed link a weekly recap ends with. Anonymous: the link itself
/// is the key, in the query string (/api/w?{token}), which the host leaves out of what it records.
/// </summary>
public sealed class WeekPageFunction(WeekPages pages)
{
    [Function("GetWeekPage")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "w")] HttpRequest req, CancellationToken ct)
    {
        req.KeepPrivate(WeekPageHtml.ContentSecurityPolicy);

        var page = await pages.OpenAsync(req.LinkToken(), ct);
        return new ContentResult { Content = page.Html, ContentType = "text/html; charset=utf-8", StatusCode = page.Status };
    }
}
