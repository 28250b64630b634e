using System.Globalization;
using System.Text;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Content.Reveals;

/// <summary>
/// The text that shows one partner the other's answer: the answer whole, exactly as written, in its own encoding (GSM-7
/// when every character has a septet, else UCS-2), within <see cref="MaxSegments"/> segments. A longer answer goes as
/// its opening, cut between whole characters, and a link to that night's page, which holds all of it.
/// </summary>
public static class RevealText
{
    /// <summary>Segments a reveal may take: 459 GSM-7 characters, or 201 UTF-16 units in UCS-2.</summary>
    public const int MaxSegments = 3;

    /// <summary>Segments a reaction may take: a longer text is an answer or a note, not a reaction.</summary>
    public const int ReactionSegments = 1;

    private const string Ellipsis = "...";

    private static MessageCatalog Catalog => MessageCatalog.For();

    /// <summary>The reveal on its own ("Ana's answer: ..."); <paramref name="nightLink"/> is used only when the answer
    /// needs it.</summary>
    public static string Compose(string partnerName, string answer, string? nightLink = null) =>
        Fitted(RevealLead(partnerName), answer, nightLink, MaxSegments);

    /// <summary>
    /// The reveal as the reply to the second answer, after a few words on that answer ("Got it: calm.
    /// Ana's answer: ...").
    /// </summary>
    public static string ComposeAfter(string lead, string partnerName, string answer, string? nightLink = null) =>
        Fitted(ReplyLead(lead, partnerName), answer, nightLink, MaxSegments);

    /// <summary>Whether the reveal on its own carries the answer whole, without a link.</summary>
    public static bool FitsWhole(string partnerName, string answer) =>
        Gsm7.Segments(RevealLead(partnerName) + AsWritten(answer)) <= MaxSegments;

    /// <summary>Whether the reveal after <paramref name="lead"/> carries the answer whole, without a link.</summary>
    public static bool FitsWhole(string lead, string partnerName, string answer) =>
        Gsm7.Segments(ReplyLead(lead, partnerName) + AsWritten(answer)) <= MaxSegments;

    /// <summary>A partner's reaction to a reveal, passed on as written after their name ("Ana: aww ❤️").</summary>
    public static string Reaction(string partnerName, string reaction) =>
        Fitted(ReactionLead(partnerName), reaction, null, ReactionSegments);

    /// <summary>Whether a reaction goes on whole in one segment; a longer text is not a reaction.</summary>
    public static bool FitsOneSegment(string partnerName, string reaction) =>
        Gsm7.Segments(ReactionLead(partnerName) + AsWritten(reaction)) <= ReactionSegments;

    // The partner's words end each of these texts (the catalog checks it): rendered without them, the
    // text is the lead they follow.
    private static string RevealLead(string partnerName) =>
        Catalog.Render("reveal", ("partner", partnerName), ("answer", ""));

    private static string ReplyLead(string lead, string partnerName) =>
        Catalog.Render("reveal.after-reply", ("lead", lead), ("partner", partnerName), ("answer", ""));

    private static string ReactionLead(string partnerName) =>
        Catalog.Render("reveal.reaction", ("partner", partnerName), ("reaction", ""));

    private static string Fitted(string prefix, string body, string? link, int segments)
    {
        var text = AsWritten(body);
        var full = prefix + text;
        if (Gsm7.Segments(full) <= segments) return full;
        // Without a public address there is no page to point to (or a link so long that no word would fit beside
        // it): the opening alone, so the text still keeps to its segments.
        var more = link is null ? null : " " + Catalog.Render("reveal.more", ("link", link));
        return (more is null ? null : Opening(prefix, text, more, segments))
            ?? Opening(prefix, text, "", segments)
            ?? prefix + Ellipsis;
    }

    /// <summary>
    /// The prefix, the longest opening of whole text elements (never half an emoji or a surrogate pair) with an
    /// ellipsis, and the tail, within <paramref name="segments"/>; null when not even one element fits.
    /// </summary>
    private static string? Opening(string prefix, string text, string tail, int segments)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        var kept = new StringBuilder();
        string? best = null;
        while (elements.MoveNext())
        {
            kept.Append(elements.GetTextElement());
            var candidate = prefix + kept.ToString().TrimEnd() + Ellipsis + tail;
            if (Gsm7.Segments(candidate) > segments) break;
            best = candidate;
        }
        return best;
    }

    /// <summary>
    /// The partner's words as they wrote them: quotes, dashes, emoji and accents untouched. Only control characters
    /// go, but for line breaks, which the partner typed and every phone shows (a CR or CRLF becomes one line feed, a
    /// single septet in GSM-7); the space around the whole is trimmed.
    /// </summary>
    public static string AsWritten(string text)
    {
        var sb = new StringBuilder(text.Length);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var c in lines)
        {
            if (c == '\n' || !char.IsControl(c)) sb.Append(c);
        }
        return sb.ToString().Trim();
    }
}
