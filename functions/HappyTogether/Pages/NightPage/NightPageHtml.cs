using System.Globalization;
using System.Net;
using System.Text;
using HappyTogether.Foundation.Messages;
using HappyTogether.Pages.WeekPage;

namespace HappyTogether.Pages.NightPage;

/// <summary>
/// The night page as HTML: the question and both answers as the viewer may see them, line breaks kept. No script and
/// no external asset, served under the week page's <see cref="WeekPageHtml.ContentSecurityPolicy"/>.
/// </summary>
public static class NightPageHtml
{
    private static MessageCatalog Catalog => MessageCatalog.For();

    /// <summary>The page for one partner's night.</summary>
    public static string Render(NightView view)
    {
        var other = WebUtility.HtmlEncode(view.OtherName);
        var html = new StringBuilder();
        html.Append($"<p class=\"date\">{view.Night.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}</p>");
        if (view.Question is { } question)
        {
            html.Append($"<h2>{Catalog.Render("page.night.question")}</h2>");
            html.Append($"<p class=\"question\">{WebUtility.HtmlEncode(question)}</p>");
        }
        Answer(html, Catalog.Render("page.night.you"), view.Mine, "mine", other);
        Answer(html, other, view.Theirs, "theirs", other);
        html.Append($"<p class=\"note\">{Catalog.Render("page.night.note")}</p>");
        return Page(Catalog.Render("page.night.title", ("partner", other)), html.ToString());
    }

    private static void Answer(StringBuilder html, string heading, string? text, string whose, string other)
    {
        html.Append($"<h2>{heading}</h2>");
        html.Append(text is null
            ? $"<p class=\"none\">{Catalog.RenderVariant("page.night.no-answer", whose, ("partner", other))}</p>"
            : $"<p class=\"answer\">{WebUtility.HtmlEncode(text)}</p>");
    }

    private static string Page(string title, string body) =>
        $"<!doctype html><html lang=\"{Catalog.Language}\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\"><title>{title}</title><style>"
        + "body{font:1.05rem/1.5 system-ui,sans-serif;max-width:36rem;margin:1.5rem auto;padding:0 1rem;color:#222}"
        + "h1{font-size:1.5rem;margin-bottom:0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}.date{margin-top:.25rem;color:#555}"
        // The partner's line breaks are part of what they wrote.
        + ".answer{white-space:pre-wrap;overflow-wrap:anywhere}.question{font-style:italic}"
        + ".none{color:#666;font-style:italic}.note{color:#555;font-size:.95rem;margin-top:2rem}"
        + $"</style></head><body><main><h1>{title}</h1>{body}</main></body></html>";
}
