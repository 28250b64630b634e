using System.Globalization;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;

namespace HappyTogether.Content.Recap;

/// <summary>
/// Writes a recap as the recipient reads it. What must stay always stays: the nights line, both partners' top words
/// (up to three each, with counts), the care slot in a care week, and the link to the week's page. The extras (the
/// nudge, the streak, the appreciation, the DONE count, the trend, "+N more") are added in that order of importance
/// while the text keeps to two segments; in a care week the nudge comes last, since the care line speaks for it.
/// </summary>
public static class RecapText
{
    /// <summary>Two GSM-7 segments, in septets.</summary>
    public const int Budget = 306;

    /// <summary>Segments the extras may bring the text to, counted in the encoding the text needs.</summary>
    public const int MaxSegments = 2;

    /// <summary>Words shown per partner, the most frequent first.</summary>
    public const int WordsShown = 3;

    /// <summary>Most characters of the care slot's line (the care line, or a variant of it in its place).</summary>
    public const int CareLineLength = 110;

    /// <summary>
    /// Most characters PublicBaseUrl may have, so that what must stay fits two GSM-7 segments at its longest: seven
    /// nights, 20-character names, each partner's three longest words with counts, and the week's link (the base URL,
    /// "/api/w?" and a 43-character token).
    /// </summary>
    public const int MaxBaseUrlLength = 80;

    /// <summary>
    /// Most characters PublicBaseUrl and CareResourceUrl may have together, so that a care week at its longest (the
    /// above, the care line and its link) fits three GSM-7 segments.
    /// </summary>
    public const int MaxLinkSettingsLength = 107;

    private enum Extra { Nudge, Streak, Appreciated, Done, Trend, More }

    private static readonly Extra[] Importance = [Extra.Nudge, Extra.Streak, Extra.Appreciated, Extra.Done, Extra.Trend, Extra.More];

    private static readonly Extra[] CareWeekImportance = [Extra.Streak, Extra.Appreciated, Extra.Done, Extra.Trend, Extra.More, Extra.Nudge];

    /// <param name="weekLink">The recipient's link to the week's page (SignedLinks.WeekUrl), or null without
    /// one.</param>
    /// <param name="crisisLine">The care slot's line in a week with a distress text (CareLines.Week), or null.</param>
    public static string Render(
        Couple couple, CoupleRecap recap, string recipientKey, Nudges nudges, string? careLink, string? weekLink = null,
        string? crisisLine = null)
    {
        var me = couple[recipientKey];
        var other = couple.Other(me);
        var mine = recap[me.Key];
        // The other partner's words follow the reveal rule: only nights both answered (withheld answers left out), and
        // none while they have sharing off.
        var theirs = other.ShareOff ? [] : recap[other.Key].SharedWords;
        var parts = new Parts(recap, mine, theirs, other.TextName, nudges, CareSlot(mine, nudges, careLink, crisisLine), weekLink);

        var chosen = new HashSet<Extra>();
        foreach (var extra in mine.Care ? CareWeekImportance : Importance)
        {
            if (!parts.Has(extra)) continue;
            chosen.Add(extra);
            if (Gsm7.Segments(Gsm7.Cheapest(parts.Text(chosen))) > MaxSegments) chosen.Remove(extra);
        }
        // The recap quotes no partner's own words: in Spanish it goes without the accents GSM-7 lacks when that saves a
        // segment.
        return Gsm7.Cheapest(parts.Text(chosen));
    }

    /// <summary>
    /// The care slot: the care line, then the operator's link when set. It is one slot, so a variant of the line (such
    /// as a crisis line) takes its place without touching the rest.
    /// </summary>
    private static string? CareSlot(PartnerRecap mine, Nudges nudges, string? careLink, string? crisisLine) =>
        !mine.Care ? null
        : mine.Crisis && crisisLine is not null ? crisisLine
        : string.IsNullOrWhiteSpace(careLink) ? nudges.Care : $"{nudges.Care} {careLink}";

    /// <summary>A recap's parts for one recipient, joined with or without each extra.</summary>
    private sealed class Parts(CoupleRecap recap, PartnerRecap mine, IReadOnlyList<MoodCount> theirs, string otherName, Nudges nudges, string? care, string? weekLink)
    {
        private readonly string nudge = nudges.All.Single(n => n.Id == mine.NudgeId).Text.Replace(Nudges.WordPlaceholder, mine.NudgeWord is { } word ? MoodNames.Of(word) : null, StringComparison.Ordinal);

        // A recipient who answered no night, or a week nobody answered, gets one kind line instead of what did not
        // happen.
        private bool Quiet => mine.NightsAnswered == 0;

        public bool Has(Extra extra) => extra switch
        {
            Extra.Nudge => true,
            Extra.Streak => !Quiet && recap.NightsBoth > 0 && recap.Streak > 1,
            Extra.Appreciated => !Quiet && recap.BothAppreciated,
            Extra.Done => !Quiet && mine.IdeasDone > 0,
            Extra.Trend => !Quiet && mine.Trend is WeeklyRecap.Brighter or WeeklyRecap.Heavier or WeeklyRecap.Steady,
            Extra.More => !Quiet && (mine.Words.Count > WordsShown || theirs.Count > WordsShown),
            _ => throw new ArgumentOutOfRangeException(nameof(extra)),
        };

        public string Text(IReadOnlySet<Extra> with)
        {
            string? If(Extra extra, Func<string> part) => with.Contains(extra) ? part() : null;
            if (Quiet)
                return Join([Catalog.RenderVariant("recap.quiet", mine.Situation == Situation.Quiet ? "two" : "you"), If(Extra.Nudge, () => nudge), care, weekLink]);
            var more = with.Contains(Extra.More);
            return Join(
            [
                Nights(with.Contains(Extra.Streak)),
                Words(Catalog.Render("recap.you"), mine.Words, more),
                Words(otherName, theirs, more),
                If(Extra.Appreciated, () => Catalog.Render("recap.appreciated")),
                If(Extra.Done, () => Catalog.Render("recap.done", ("count", Number(mine.IdeasDone)))),
                If(Extra.Trend, () => Catalog.RenderVariant("recap.trend", mine.Trend!)),
                If(Extra.Nudge, () => nudge),
                care,
                weekLink,
            ]);
        }

        /// <summary>The nights both answered; in a week they never answered the same night, the recipient's own.</summary>
        private string Nights(bool streak)
        {
            var (nights, prefix) = recap.NightsBoth > 0 ? (recap.NightsBoth, "") : (mine.NightsAnswered, "solo-");
            var variant = prefix + (nights == 1 ? "one" : "other") + (streak ? "-in-a-row" : "");
            return Catalog.RenderVariant("recap.check-ins", variant, ("nights", Number(nights)), ("run", Number(recap.Streak)));
        }

        /// <summary>"You: calm x3, tired x2, happy +3 more." with the top three; nothing for no words.</summary>
        private static string? Words(string who, IReadOnlyList<MoodCount> words, bool more)
        {
            if (words.Count == 0) return null;
            var listed = string.Join(", ", words.Take(WordsShown).Select(w => w.Count > 1
                ? Catalog.Render("recap.word-count", ("word", MoodNames.Of(w.Word, w.Written)), ("count", Number(w.Count)))
                : MoodNames.Of(w.Word, w.Written)));
            var hidden = words.Count - WordsShown;
            return more && hidden > 0
                ? Catalog.RenderVariant("recap.words", "more", ("who", who), ("words", listed), ("hidden", Number(hidden)))
                : Catalog.RenderVariant("recap.words", "all", ("who", who), ("words", listed));
        }
    }

    private static MessageCatalog Catalog => MessageCatalog.For();

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<string?> parts) => string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)));
}
