using HappyTogether.Pages.NightPage;
using HappyTogether.Pages.WeekPage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Functions;

/// <summary>
/// One night's answers behind the signed link a long reveal ends with. Anonymous: the link itself is the key, in the
/// query string (/api/n?{token}), which the host leaves out of what it records; served like the week page.
/// </summary>
public sealed class NightPageFunction(NightPages pages)
{
    [Function("GetNightPage")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "n")] HttpRequest req, CancellationToken ct)
    {
        req.KeepPrivate(WeekPageHtml.ContentSecurityPolicy);

        var page = await pages.OpenAsync(req.LinkToken(), ct);
        return new ContentResult { Content = page.Html, ContentType = "text/html; charset=utf-8", StatusCode = page.Status };
    }
}
