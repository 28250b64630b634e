using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Storage;
using HappyTogether.Pages.Export;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Functions;

/// <summary>
/// A partner's data behind the signed link the EXPORT reply carries. Anonymous: the link itself is the
/// key, in the query string (/api/x?{token}), which the host leaves out of what it records.
/// </summary>
public sealed class ExportFunction(SignedLinks links, PartnerExports exports, ILogger<ExportFunction> log)
{
    [Function("GetExport")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "x")] HttpRequest req, CancellationToken ct)
    {
        req.KeepPrivate(ExportPage.ContentSecurityPolicy);
        var token = req.LinkToken();

        if (!links.TryRead(token, LinkPurpose.Export, out var claims))
            return links.IsExpired(token, LinkPurpose.Export) ? Html(ExportPage.Expired, StatusCodes.Status410Gone) : Html(ExportPage.NotFound, StatusCodes.Status404NotFound);

        string? format = req.Query["format"];
        if (format is not ("json" or "csv"))
        {
            return await exports.FindAsync(claims.CoupleId, claims.Partner, ct) is { } found
                ? Html(ExportPage.Downloads(found.Partner, claims.ExpiresUtc, token!), StatusCodes.Status200OK)
                : Html(ExportPage.NotFound, StatusCodes.Status404NotFound);
        }
        if (await exports.ReadAsync(claims.CoupleId, claims.Partner, ct) is not { } export) return Html(ExportPage.NotFound, StatusCodes.Status404NotFound);

        log.LogInformation("Export of couple {CoupleId} partner {Partner} as {Format}: {Texts} texts.", claims.CoupleId, claims.Partner, format, export.Answers.Count);
        var name = $"happytogether-{DateKey.Of(export.ExportedOn)}.{format}";
        return format == "json"
            ? new FileContentResult(ExportJson.Write(export), "application/json; charset=utf-8") { FileDownloadName = name }
            : new FileContentResult(ExportCsv.Write(export), "text/csv; charset=utf-8") { FileDownloadName = name };
    }

    private static ContentResult Html(string page, int status) => new() { Content = page, ContentType = "text/html; charset=utf-8", StatusCode = status };
}
