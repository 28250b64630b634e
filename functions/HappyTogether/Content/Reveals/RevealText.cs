using System.Globalization;
using System.Text;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Content.Reveals;

/// <summary>
/// The text that shows one partner the other's answer: one segment wherever it can be. Phone
/// typography (curly quotes, dashes, ellipses) is turned into GSM-7 so it stays a 160-character
/// segment; only text that really needs Unicode (emoji, other scripts) goes as UCS-2 (70).
/// </summary>
public static class RevealText
{
    private const string Ellipsis = "...";

    private static MessageCatalog Catalog => MessageCatalog.For();

    public static string Compose(string partnerName, string answer) => Fitted(RevealLead(partnerName), answer);

    /// <summary>
    /// The reveal as the reply to the second answer, after a few words on that answer ("Got it: calm.
    /// Ana's answer: ...").
    /// </summary>
    public static string Compose(string lead, string partnerName, string answer) =>
        Fitted(ReplyLead(lead, partnerName), answer);

    /// <summary>Whether the reveal after <paramref name="lead"/> carries the answer whole in one segment.</summary>
    public static bool FitsOneSegment(string lead, string partnerName, string answer) =>
        Compose(lead, partnerName, answer) == ReplyLead(lead, partnerName) + Plain(answer.Trim());

    /// <summary>A partner's reaction to a reveal, passed on as written after their name ("Ana: aww ❤️").</summary>
    public static string Reaction(string partnerName, string reaction) => Fitted(ReactionLead(partnerName), reaction);

    /// <summary>Whether a reaction goes on whole in one segment; a longer text is not a reaction.</summary>
    public static bool FitsOneSegment(string partnerName, string reaction) =>
        Reaction(partnerName, reaction) == ReactionLead(partnerName) + Plain(reaction.Trim());

    // The partner's words end each of these texts (the catalog checks it): rendered without them, the
    // text is the lead they follow.
    private static string RevealLead(string partnerName) =>
        Catalog.Render("reveal", ("partner", partnerName), ("answer", ""));

    private static string ReplyLead(string lead, string partnerName) =>
        Catalog.Render("reveal.after-reply", ("lead", lead), ("partner", partnerName), ("answer", ""));

    private static string ReactionLead(string partnerName) =>
        Catalog.Render("reveal.reaction", ("partner", partnerName), ("reaction", ""));

    private static string Fitted(string prefix, string body)
    {
        var text = Plain(body.Trim());
        var full = prefix + text;
        if (Gsm7.Septets(full) is { } septets)
            return septets <= Gsm7.SingleSegmentSeptets ? full : Trim(prefix, text, s => Gsm7.Septets(s) <= Gsm7.SingleSegmentSeptets);
        return full.Length <= 70 ? full : Trim(prefix, text, s => s.Length <= 70);
    }

    /// <summary>The longest prefix of whole characters (never half an emoji) that fits, with an ellipsis.</summary>
    private static string Trim(string prefix, string text, Func<string, bool> fits)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        var kept = new StringBuilder();
        var best = prefix + Ellipsis;
        while (elements.MoveNext())
        {
            kept.Append(elements.GetTextElement());
            var candidate = prefix + kept.ToString().TrimEnd() + Ellipsis;
            if (!fits(candidate)) break;
            best = candidate;
        }
        return best;
    }

    /// <summary>Replaces typography that phones insert with its GSM-7 equivalent; drops control characters.</summary>
    public static string Plain(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\u2018' or '\u2019' or '\u201A' or '\u2032': sb.Append('\''); break;
                case '\u201C' or '\u201D' or '\u201E' or '\u2033': sb.Append('"'); break;
                case '\u2013' or '\u2014' or '\u2212': sb.Append('-'); break;
                case '\u2026': sb.Append(Ellipsis); break;
                case '\u00A0' or '\u2009' or '\u202F': sb.Append(' '); break;
                case '\n' or '\r' or '\t': sb.Append(' '); break;
                default:
                    if (!char.IsControl(c)) sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
