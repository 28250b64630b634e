using System.Globalization;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;

namespace HappyTogether.Pages.Export;

/// <summary>
/// The pages an export link opens: the two downloads, or why the link opens nothing. Self-contained
/// (no scripts, no external assets, no names), so the policy below can forbid everything else.
/// </summary>
public static class ExportPage
{
    /// <summary>The Content-Security-Policy the pages are served under.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    private static MessageCatalog Catalog => MessageCatalog.For();

    private static string Days => ((int)SignedLinks.ExportLifetime.TotalDays).ToString(CultureInfo.InvariantCulture);

    /// <summary>The download page, with when the link stops working in the partner's own time.</summary>
    /// <param name="token">The link's token (base64url, safe in an attribute): the downloads are the same link with a
    /// format.</param>
    public static string Downloads(Partner partner, DateTimeOffset expiresUtc, string token)
    {
        // The page in its reader's language.
        using var language = Languages.Use(partner.Language);
        var local = TimeZoneInfo.ConvertTime(expiresUtc, partner.Zone);
        var day = DateText.Long(DateOnly.FromDateTime(local.DateTime), DateText.MonthFirst(partner.Phone));
        var until = $"{day}, {partner.Clock(TimeOnly.FromDateTime(local.DateTime))}";
        return Page(
            Catalog.Render("page.export.title"),
            $"<p>{Catalog.Render("page.export.intro")}</p>"
            + $"<ul><li><a href=\"?{token}&amp;format=csv\">{Catalog.Render("page.export.csv")}</a> "
            + $"{Catalog.Render("page.export.csv-note")}</li>"
            + $"<li><a href=\"?{token}&amp;format=json\">{Catalog.Render("page.export.json")}</a></li></ul>"
            + $"<p>{Catalog.Render("page.export.until", ("until", until), ("days", Days))}</p>"
            + $"<p>{Catalog.Render("page.export.delete")}</p>");
    }

    /// <summary>For a link that is not genuine, or whose data is gone: the same page either way, so it tells
    /// nothing.</summary>
    public static readonly string NotFound =
        Page(Catalog.Render("page.not-found-title"), $"<p>{Catalog.Render("page.export.not-found")}</p>");

    public static readonly string Expired =
        Page(Catalog.Render("page.expired-title"), $"<p>{Catalog.Render("page.export.expired", ("days", Days))}</p>");

    private static string Page(string title, string body) =>
        $"<!doctype html><html lang=\"{Catalog.Language}\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<meta name=\"robots\" content=\"noindex\"><title>{title}</title>"
        + "<style>body{font:1.05rem/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}a{color:#a0306a}li{margin:.5rem 0}</style>"
        + $"</head><body><main><h1>{title}</h1>{body}</main></body></html>";
}
