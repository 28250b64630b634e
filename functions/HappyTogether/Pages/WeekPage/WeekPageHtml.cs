using System.Net;
using System.Text;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Pages.WeekPage;

/// <summary>
/// The week page as HTML: the week's mood words on the mood meter's four quadrants (an inline SVG),
/// the same words day by day in a table (the chart's text alternative), and nights answered. No
/// script and no external asset, so <see cref="ContentSecurityPolicy"/> can forbid everything else.
/// </summary>
public static class WeekPageHtml
{
    /// <summary>The Content-Security-Policy the pages are served under: inline styles and inline SVG only.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static MessageCatalog Catalog => MessageCatalog.For();

    /// <summary>For a link that is not genuine, or whose couple is gone: the same page either way, so it tells
    /// nothing.</summary>
    public static readonly string NotFound =
        Page(Catalog.Render("page.not-found-title"), $"<p>{Catalog.Render("page.week.not-found")}</p>");

    public static readonly string Expired =
        Page(Catalog.Render("page.expired-title"), $"<p>{Catalog.Render("page.week.expired")}</p>");

    private const int Size = 340;
    private const int Center = Size / 2;
    // Pixels per lexicon step: the scale's 5 reaches 30 px from the edge.
    private const int Step = 28;

    private static readonly Dictionary<Quadrant, (string Fill, string Tile)> Quadrants = new()
    {
        [Quadrant.Yellow] = ("#fff3c4", "#fde68a"),
        [Quadrant.Red] = ("#fde2e1", "#fca5a5"),
        [Quadrant.Blue] = ("#dfeafe", "#93c5fd"),
        [Quadrant.Green] = ("#dcf5e3", "#86efac"),
    };

    /// <summary>The quadrant's name, as the chart labels it and a screen reader reads a cell.</summary>
    private static string NameOf(Quadrant quadrant) =>
        Catalog.RenderVariant("page.week.quadrant", quadrant.ToString().ToLowerInvariant());

    /// <summary>The page for one partner's week.</summary>
    public static string Render(WeekView view)
    {
        var other = WebUtility.HtmlEncode(view.OtherName);
        var you = Catalog.Render("page.week.you");
        var first = view.Days[0].Date;
        var last = view.Days[^1].Date;
        var html = new StringBuilder();
        string Day(DateOnly date) => DateText.WithDay(date, view.MonthFirst);
        var dates = Catalog.RenderVariant(
            "page.week.dates",
            view.MonthFirst ? "month-first" : "day-first",
            ("first", Day(first)),
            ("last", Day(last)),
            ("year", $"{last.Year}"));
        html.Append($"<p class=\"dates\">{dates}</p>");

        html.Append($"<h2>{Catalog.Render("page.week.meter-heading")}</h2>");
        Chart(html, view, other);
        html.Append("<p class=\"legend\"><span class=\"key\"><svg width=\"14\" height=\"14\" viewBox=\"-7 -7 14 14\" aria-hidden=\"true\">")
            .Append(Marker(mine: true, 0, 0)).Append($"</svg> {you}</span>");
        if (!view.TheirsPrivate)
            html.Append("<span class=\"key\"><svg width=\"14\" height=\"14\" viewBox=\"-7 -7 14 14\" aria-hidden=\"true\">").Append(Marker(mine: false, 0, 0)).Append($"</svg> {other}</span>");
        html.Append("</p>");
        if (view.TheirsPrivate)
            html.Append($"<p class=\"private\">{Catalog.Render("page.week.private", ("partner", other))}</p>");

        html.Append($"<h2>{Catalog.Render("page.week.days-heading")}</h2>")
            .Append($"<table><caption>{Catalog.Render("page.week.days-caption")}</caption>")
            .Append($"<thead><tr><th scope=\"col\">{Catalog.Render("page.week.day-column")}</th>")
            .Append($"<th scope=\"col\">{you}</th>")
            .Append($"<th scope=\"col\">{other}</th></tr></thead><tbody>");
        foreach (var day in view.Days)
        {
            html.Append($"<tr><th scope=\"row\">{Day(day.Date)}</th>").Append(Cell(day.MineAnswered, day.Mine, hidden: false))
                .Append(Cell(day.TheirsAnswered, day.Theirs, view.TheirsPrivate, day.TheirsShared)).Append("</tr>");
        }
        html.Append("</tbody></table>");

        string Nights(string whose, int count) =>
            Catalog.RenderVariant(
                "page.week.nights", whose, ("partner", other), ("count", $"<strong>{count}</strong>"));
        html.Append($"<h2>{Catalog.Render("page.week.nights-heading")}</h2><ul class=\"nights\">")
            .Append($"<li>{Nights("mine", view.NightsMine)}</li>")
            .Append($"<li>{Nights("theirs", view.NightsTheirs)}</li>")
            .Append($"<li>{Nights("both", view.NightsBoth)}</li></ul>");
        html.Append($"<p class=\"note\">{Catalog.Render("page.week.note")}</p>");
        return Page(Catalog.Render("page.week.title", ("partner", other)), html.ToString());
    }

    /// <summary>The quadrant plane: pleasantness left to right, energy bottom to top, each partner's words as labeled
    /// markers.</summary>
    private static void Chart(StringBuilder html, WeekView view, string other)
    {
        html.Append($"<svg class=\"meter\" viewBox=\"0 0 {Size} {Size}\" role=\"img\" aria-labelledby=\"meter-title meter-desc\">")
            .Append($"<title id=\"meter-title\">{Catalog.Render("page.week.meter-title", ("partner", other))}</title>")
            .Append($"<desc id=\"meter-desc\">{Catalog.Render("page.week.meter-description")}</desc>");
        foreach (var (quadrant, x, y, labelX, labelY, anchor) in new[]
        {
            (Quadrant.Red, 0, 0, 8, 18, "start"), (Quadrant.Yellow, Center, 0, Size - 8, 18, "end"),
            (Quadrant.Blue, 0, Center, 8, Size - 10, "start"), (Quadrant.Green, Center, Center, Size - 8, Size - 10, "end"),
        })
        {
            html.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"{Center}\" height=\"{Center}\" fill=\"{Quadrants[quadrant].Fill}\"/>")
                .Append($"<text class=\"q\" x=\"{labelX}\" y=\"{labelY}\" text-anchor=\"{anchor}\">")
                .Append($"{NameOf(quadrant)}</text>");
        }
        html.Append($"<line x1=\"{Center}\" y1=\"0\" x2=\"{Center}\" y2=\"{Size}\" class=\"axis\"/><line x1=\"0\" y1=\"{Center}\" x2=\"{Size}\" y2=\"{Center}\" class=\"axis\"/>");

        // One marker per partner and word, with how many nights it came; markers that share a point sit side by side.
        var marks = view.Days.Select(d => (Mine: true, Word: d.Mine)).Concat(view.Days.Select(d => (Mine: false, Word: d.Theirs)))
            .Where(m => m.Word is not null)
            .GroupBy(m => (m.Mine, m.Word!.Word))
            .Select(g => (g.Key.Mine, Word: g.First().Word!, Count: g.Count()))
            .GroupBy(m => (m.Word.Pleasantness, m.Word.Energy));
        foreach (var point in marks)
        {
            var shared = point.OrderByDescending(m => m.Mine).ThenBy(m => m.Word.Word, StringComparer.Ordinal).ToList();
            var cx = Center + point.Key.Pleasantness * Step;
            var cy = Center - point.Key.Energy * Step;
            for (var i = 0; i < shared.Count; i++)
            {
                var (mine, word, count) = shared[i];
                var x = cx + (2 * i - (shared.Count - 1)) * 7;
                var label = WebUtility.HtmlEncode(word.Word) + (count > 1 ? $" x{count}" : "");
                // Labels stack under the point (over it near the bottom edge) and stay inside the plane.
                var labelX = Math.Clamp(cx, 44, Size - 44);
                var labelY = cy > Size - 60 ? cy - 12 - 12 * i : cy + 18 + 12 * i;
                html.Append("<g>").Append(Marker(mine, x, cy))
                    .Append($"<text class=\"{(mine ? "mine" : "theirs")}\" x=\"{labelX}\" y=\"{labelY}\" text-anchor=\"middle\">{label}</text></g>");
            }
        }
        html.Append("</svg>");
    }

    /// <summary>A filled circle for the viewer, an open diamond for the other partner: told apart without
    /// color.</summary>
    private static string Marker(bool mine, int x, int y) => mine
        ? $"<circle cx=\"{x}\" cy=\"{y}\" r=\"6\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
        : $"<path d=\"M{x} {y - 7}L{x + 7} {y}L{x} {y + 7}L{x - 7} {y}Z\" fill=\"#fff\" stroke=\"#a0306a\" stroke-width=\"2.5\"/>";

    // An answer not yet shared with the viewer says only that it came (the recap counts it too), never whether it had a
    // word.
    private static string Cell(bool answered, MoodWord? word, bool hidden, bool shared = true) =>
        hidden ? NoWord("private")
        : answered && !shared ? NoWord("answered")
        : word is not null
            ? $"<td style=\"background:{Quadrants[word.Quadrant].Tile}\">{WebUtility.HtmlEncode(word.Word)}"
                + $"<span class=\"sr\"> ({NameOf(word.Quadrant)})</span></td>"
        : answered ? NoWord("no-mood-word")
        : NoWord("no-answer");

    private static string NoWord(string why) =>
        $"<td class=\"none\">{Catalog.RenderVariant("page.week.cell", why)}</td>";


    private static string Page(string title, string body) =>
        $"<!doctype html><html lang=\"{Catalog.Language}\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\"><title>{title}</title><style>"
        + "body{font:1.05rem/1.5 system-ui,sans-serif;max-width:36rem;margin:1.5rem auto;padding:0 1rem;color:#222}"
        + "h1{font-size:1.5rem;margin-bottom:0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}.dates{margin-top:.25rem;color:#555}"
        + ".meter{width:100%;height:auto;max-width:28rem;display:block;border:1px solid #ccc;border-radius:.5rem}"
        + ".meter text{font:11px system-ui,sans-serif;fill:#222}.meter .q{font-size:10px;fill:#555}.meter .mine{font-weight:700}.meter .theirs{fill:#7a1f50}"
        + ".axis{stroke:#999;stroke-width:1}.legend{display:flex;gap:1.5rem}.key svg{vertical-align:-2px}"
        + "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd}"
        + "caption{text-align:left;color:#555;font-size:.9rem;padding-bottom:.25rem}.none{color:#666;font-style:italic}"
        + ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
        + ".nights{padding-left:1.2rem}.note,.private{color:#555;font-size:.95rem}"
        + $"</style></head><body><main><h1>{title}</h1>{body}</main></body></html>";
}
