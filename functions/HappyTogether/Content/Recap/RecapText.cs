using System.Globalization;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;

namespace HappyTogether.Content.Recap;

/// <summary>
/// Writes a recap as the recipient reads it, in at most two GSM-7 segments (306 characters). When
/// it does not fit, the least frequent mood words give way first ("+3 more"), then the trend and
/// the DONE count, then the check-ins, in a care week the nudge, and the last mood word; the care
/// line and the link to the week's page, last, always stay.
/// </summary>
public static class RecapText
{
    public const int Budget = 306;

    /// <summary>
    /// Most characters PublicBaseUrl (the week's link) and CareResourceUrl may have together, so the
    /// shortest recap still fits: a 20-character name, a care line or nudge of up to 110 characters,
    /// the care link and the week's link (the base URL, "/api/w?" and a 43-character token).
    /// </summary>
    public const int MaxLinkSettingsLength = 107;

    /// <param name="weekLink">The recipient's link to the week's page (SignedLinks.WeekUrl), or null without
    /// one.</param>
    public static string Render(Couple couple, CoupleRecap recap, string recipientKey, Nudges nudges, string? careLink, string? weekLink = null)
    {
        var me = couple[recipientKey];
        var other = couple.Other(me);
        var mine = recap[me.Key];
        var theirs = recap[other.Key];
        var nudge = nudges.All.Single(n => n.Id == mine.NudgeId).Text.Replace(Nudges.WordPlaceholder, mine.NudgeWord, StringComparison.Ordinal);
        // The care line stands on its own; the operator's link, when set, follows it.
        var care = !mine.Care ? null : string.IsNullOrWhiteSpace(careLink) ? nudges.Care : $"{nudges.Care} {careLink}";

        // Nights together, said only when there were some: a quiet week is not a score.
        var checkIns = recap.NightsBoth == 0 ? null : Catalog.RenderVariant(
            "recap.check-ins",
            (recap.NightsBoth == 1 ? "one" : "other") + (recap.Streak > 1 ? "-in-a-row" : ""),
            ("nights", Number(recap.NightsBoth)),
            ("run", Number(recap.Streak)));
        // That both shared one is the news; what they said stays in the reveal.
        var appreciated = recap.BothAppreciated ? Catalog.Render("recap.appreciated") : null;
        var done = mine.IdeasDone > 0 ? Catalog.Render("recap.done", ("count", Number(mine.IdeasDone))) : null;
        var trend = mine.Trend is WeeklyRecap.Brighter or WeeklyRecap.Heavier or WeeklyRecap.Steady
            ? Catalog.RenderVariant("recap.trend", mine.Trend)
            : null;
        // The other partner's words follow the reveal rule: only nights both answered, and none while they
        // have sharing off. Words only from nights the recipient did not answer are left out, not denied.
        var otherWords = other.ShareOff || (theirs.SharedWords.Count == 0 && theirs.Words.Count > 0) ? null : theirs.SharedWords;

        var header = Catalog.Render("recap.header", ("partner", other.TextName));
        var you = Catalog.Render("recap.you");
        // Most complete first: every word, then fewer, then without the trend, then without the DONE count.
        for (var drop = 0; drop <= 2; drop++)
        {
            var optional = new[] { done, trend }.Take(2 - drop).Where(p => p is not null);
            for (var shown = Math.Max(1, Math.Max(mine.Words.Count, otherWords?.Count ?? 0)); shown >= 1; shown--)
            {
                var theirWords = otherWords is null ? null : Words(other.TextName, otherWords, shown);
                var ownWords = Words(you, mine.Words, shown);
                var text = Join([header, ownWords, theirWords, checkIns, appreciated, .. optional, nudge, care, weekLink]);
                if (Gsm7.Septets(text) <= Budget) return text;
            }
        }
        // A care line and the link leave little room: keep at least the recipient's own top word; then the
        // check-ins give way, then in a care week the nudge (the care line speaks for it), then that word.
        var own = Words(you, mine.Words, 1);
        string[] shorter =
        [
            Join([header, own, checkIns, appreciated, nudge, care, weekLink]),
            Join([header, own, nudge, care, weekLink]),
            Join([header, own, care ?? nudge, weekLink]),
            Join([header, care ?? nudge, weekLink]),
        ];
        return shorter.FirstOrDefault(t => Gsm7.Septets(t) <= Budget) ?? shorter[^1];
    }

    /// <summary>"You: calm x3, tired x2 +3 more." with at most <paramref name="shown"/> words.</summary>
    private static string Words(string who, IReadOnlyList<MoodCount> words, int shown)
    {
        if (words.Count == 0) return Catalog.RenderVariant("recap.words", "none", ("who", who));
        var listed = string.Join(", ", words.Take(Math.Max(shown, 1)).Select(w => w.Count > 1
            ? Catalog.Render("recap.word-count", ("word", w.Word), ("count", Number(w.Count)))
            : w.Word));
        var hidden = words.Count - Math.Max(shown, 1);
        return hidden > 0
            ? Catalog.RenderVariant("recap.words", "more", ("who", who), ("words", listed), ("hidden", Number(hidden)))
            : Catalog.RenderVariant("recap.words", "all", ("who", who), ("words", listed));
    }

    private static MessageCatalog Catalog => MessageCatalog.For();

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<string?> parts) => string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)));
}
