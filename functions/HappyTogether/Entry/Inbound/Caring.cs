using HappyTogether.Foundation.Care;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// A partner's text that signals distress or fear of the partner gets a private reply with the line that fits, once a
/// night per signal; a later one that night gets the usual reply (a safety answer: that it stays private).
/// </summary>
public sealed class Caring(CareReading reader, CareLines lines)
{
    /// <summary>What <paramref name="body"/> signals.</summary>
    public CareSignal Read(string? body) => reader.Read(body);

    /// <summary>
    /// The crisis line for a text that signals distress from someone not (yet) in a couple's program, who keeps no
    /// history; null for any other text.
    /// </summary>
    public string? DistressReply(string phone, string? body) =>
        reader.Read(body) == CareSignal.Distress ? lines.Distress(phone) : null;

    /// <summary>
    /// The care reply to <paramref name="text"/>, or null when it signals nothing or the partner got this reply
    /// already that night (the texts kept that night say so: a care text is always kept).
    /// </summary>
    public string? ReplyTo(AnswerRecord text, Couple couple, Partner partner, RecentHistory recent)
    {
        if (text.Care == CareSignal.None
            || recent.Texts.Any(t => t.Partner == partner.Key && t.Date == text.Date && t.Care == text.Care))
            return null;
        return text.Care == CareSignal.Distress
            ? lines.Distress(partner.Phone)
            : lines.Safety(partner.Phone, couple.Other(partner).TextName);
    }
}
