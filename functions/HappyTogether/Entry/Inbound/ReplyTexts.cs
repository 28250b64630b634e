using System.Globalization;
using HappyTogether.Content.Reveals;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Text;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Entry.Inbound;

/// <summary>What the app texts back to an inbound text, worded in the message catalog ("reply.*").</summary>
public static class ReplyTexts
{
    private static MessageCatalog Catalog => MessageCatalog.For();

    /// <summary>Longest operator contact HELP carries, so HELP stays within one segment.</summary>
    public const int MaxContactLength = 50;

    /// <summary>
    /// The HELP reply, in one segment: what the service is, how often it texts, costs, MORE and STOP, and how to
    /// reach the operator (carriers expect it) when <paramref name="contact"/> is set.
    /// </summary>
    public static string Help(string? contact) => WithContact("reply.help", contact);

    /// <summary>MORE: every keyword, grouped, in at most two segments.</summary>
    public static string More => Catalog.Render("reply.more");

    /// <summary>
    /// HELP from a number in no couple: one segment, with the operator's contact (at most
    /// <see cref="MaxContactLength"/> characters).
    /// </summary>
    public static string StrangerHelp(string? contact) => WithContact("reply.stranger-help", contact);

    private static string WithContact(string id, string? contact) => string.IsNullOrWhiteSpace(contact)
        ? Catalog.RenderVariant(id, "plain")
        : Catalog.RenderVariant(id, "contact", ("contact", Gsm7.Transliterate(contact.Trim())));

    /// <summary>Most inviters the reply to an ambiguous YES names.</summary>
    public const int MaxInvitersNamed = 3;

    /// <summary>YES from a number several invitations reached: which one, by the inviter's last digits.</summary>
    public static string WhichInvitation(IReadOnlyList<Partner> inviters) => Catalog.Render(
        "reply.which-invitation",
        ("inviters", string.Join(", ", inviters.Take(MaxInvitersNamed).Select(Inviter))),
        ("digits", inviters[0].Phone[^4..]));

    /// <summary>YES from someone who joined with a code, before the code's owner confirmed.</summary>
    public static string WaitingForPartner => Catalog.Render("reply.waiting-for-partner");

    /// <summary>A pairing code from someone already in a couple: it joins nothing.</summary>
    public static string AlreadyPaired => Catalog.Render("reply.already-paired");

    public static string UnknownNumber => Catalog.Render("reply.unknown-number");
    public static string NotYetJoined => Catalog.Render("reply.not-yet-joined");
    public static string AlreadyIn => Catalog.Render("reply.already-in");
    public static string Picture => Catalog.Render("reply.picture");
    public static string NoteBeforeFirstQuestion => Catalog.Render("reply.note-before-first-question");
    public static string NoteAfterAnswer => Catalog.Render("reply.note-after-answer");
    public static string NotesFull => Catalog.Render("reply.notes-full");
    public static string OptedOut => Catalog.Render("reply.opted-out");
    public static string ReplyStopToStop => Catalog.Render("reply.reply-stop-to-stop");
    public static string Skip => Catalog.Render("reply.skip");
    public static string Resume => Catalog.Render("reply.resume");
    public static string NotPaused => Catalog.Render("reply.not-paused");
    public static string PauseExample => Catalog.Render("reply.pause-example");
    public static string Done => Catalog.Render("reply.done");
    public static string DeleteAsk => Catalog.Render("reply.delete-ask");
    public static string DeleteDone => Catalog.Render("reply.delete-done");
    public static string DeleteFirst => Catalog.Render("reply.delete-first");
    public static string ShareOff => Catalog.Render("reply.share-off");
    public static string NudgeOff => Catalog.Render("reply.nudge-off");
    public static string NudgeOn => Catalog.Render("reply.nudge-on");
    public static string Apart => Catalog.Render("reply.apart");
    public static string Together => Catalog.Render("reply.together");
    public static string ZoneExample => Catalog.Render("reply.zone-example");

    public static string ShareOn(Partner other) =>
        Catalog.RenderVariant("reply.share-on", other.ShareOff ? "waiting" : "on", ("partner", other.TextName));

    public static string MoodAdded(MoodWord mood) => Catalog.Render("reply.mood-added", ("mood", MoodNames.Of(mood)));

    public static string ReactionKept(Partner other) =>
        Catalog.Render("reply.reaction-kept", ("partner", other.TextName));

    public static string RecapSet(Partner partner, DayOfWeek day, TimeOnly time) =>
        Catalog.Render("reply.recap-set", ("day", HappyTogether.Foundation.Text.DateText.Day(day)), ("time", partner.Clock(time)));

    public static string RecapExample(Partner partner) => Catalog.Render("reply.recap-example", Window(partner));

    public static string Paused(Partner partner, DateOnly until) =>
        Catalog.Render("reply.paused", ("until", partner.ShortDate(until)));

    public static string TimeSet(Partner partner, Slot slot, TimeOnly time) =>
        Catalog.RenderVariant("reply.time-set", SlotVariant(slot), ("time", partner.Clock(time)));

    public static string TimeExample(Partner partner, Slot slot) =>
        Catalog.RenderVariant("reply.time-example", SlotVariant(slot), Window(partner));

    // An evening too early is measured against the morning idea, a morning too late against the evening question.
    public static string TimeOrder(Slot slot, Partner partner) => Catalog.RenderVariant(
        "reply.time-order",
        SlotVariant(slot),
        ("time", partner.Clock(slot == Slot.Evening ? partner.MorningTime : partner.EveningTime)));

    public static string ZoneSet(Partner partner) => Catalog.Render(
        "reply.zone-set",
        ("zone", ZoneNames.Spoken(partner.TimeZone)),
        ("morning", partner.Clock(partner.MorningTime)),
        ("evening", partner.Clock(partner.EveningTime)));

    public static string Status(Couple couple, Partner partner, int streak, DateOnly today)
    {
        // A streak of 0 is not said: a quiet spell is not a score.
        var nights = streak > 0
            ? Catalog.RenderVariant("reply.status-streak", streak == 1 ? "one" : "other", ("count", Number(streak)))
            : "";
        var status = Catalog.RenderVariant(
            "reply.status",
            (partner.PausedUntil >= today ? "paused" : "running") + (streak > 0 ? "-streak" : ""),
            ("cadence", Rhythm.Describe(couple.Cadence)),
            ("morning", partner.Clock(partner.MorningTime)),
            ("evening", partner.Clock(partner.EveningTime)),
            ("zone", ZoneNames.Spoken(partner.TimeZone)),
            ("until", partner.PausedUntil is { } until ? partner.ShortDate(until) : ""),
            ("streak", nights));
        return HappyTogether.Foundation.Text.Gsm7.Cheapest(string.Join(' ', [status, .. Settings(couple, partner)]));
    }

    /// <summary>What STATUS adds when set: the household, the listening date, the ritual.</summary>
    private static IEnumerable<string> Settings(Couple couple, Partner partner)
    {
        yield return Catalog.RenderVariant("reply.status-settings", "language-" + (partner.Language ?? HappyTogether.Foundation.Text.Languages.English));
        if (!couple.Home.IsUnknown) yield return Catalog.RenderVariant("reply.status-settings", "home", ("home", HomeKeywords.Facets(couple.Home)));
        foreach (var (ritual, variant) in new[] { (couple.ListeningDate, "listening"), (couple.Ritual, "ritual") })
        {
            if (ritual is null) continue;
            yield return Catalog.RenderVariant(
                "reply.status-settings",
                variant + (ritual.Time is null ? "" : "-timed"),
                ("day", HappyTogether.Foundation.Text.DateText.Day(ritual.Day)),
                ("time", ritual.Time is { } time ? partner.Clock(time) : ""),
                ("what", ritual.What ?? ""));
        }
    }

    public static string CadenceSet(Cadence cadence, Partner other) =>
        Catalog.RenderVariant("reply.cadence-set", Rhythm.VariantOf(cadence), ("partner", other.TextName));

    public static string Thanks(DayOfWeek? night) => night is { } day
        ? Catalog.RenderVariant("reply.thanks", "on", ("day", HappyTogether.Foundation.Text.DateText.Day(day)))
        : Catalog.RenderVariant("reply.thanks", "off");

    public static string DateExample => Catalog.Render("reply.date-example");

    public static string DateSaved(string kind, MonthDay day, Partner partner, Partner other) =>
        Catalog.RenderVariant(
            "reply.date-saved", OccasionVariant(kind), ("date", day.TextFor(partner)), ("partner", other.TextName));

    public static string DateRemoved(string kind) =>
        Catalog.RenderVariant("reply.date-removed", OccasionVariant(kind));

    /// <summary>DATES: what is stored, as the partner reads it.</summary>
    public static string Dates(Couple couple, Partner partner)
    {
        var other = couple.Other(partner);
        string Item(string variant, MonthDay day) =>
            Catalog.RenderVariant("reply.dates-item", variant, ("date", day.TextFor(partner)), ("partner", other.TextName));
        var dates = new[]
        {
            couple.Anniversary is { } a ? Item("anniversary", a) : null,
            partner.Birthday is { } mine ? Item("own-birthday", mine) : null,
            other.Birthday is { } theirs ? Item("partner-birthday", theirs) : null,
        }.Where(d => d is not null).ToList();
        return dates.Count == 0
            ? Catalog.RenderVariant("reply.dates", "none")
            : Catalog.RenderVariant("reply.dates", "some", ("dates", string.Join(", ", dates)));
    }

    /// <summary>EXPORT: the link to the partner's own data; null without a public address (a local run).</summary>
    public static string Export(string? link) => link is null
        ? Catalog.RenderVariant("reply.export", "no-address")
        : Catalog.RenderVariant(
            "reply.export", "link", ("days", Number((int)SignedLinks.ExportLifetime.TotalDays)), ("link", link));

    /// <summary>The acknowledgement of an answer: what was understood, and where the partner is.</summary>
    public static string Answer(MoodWord? mood, Partner other, bool otherAnswered, bool revealsOn, bool otherOptedIn)
    {
        var got = mood is not null
            ? Catalog.RenderVariant("reply.answer-got", "mood", ("mood", MoodNames.Of(mood)))
            : Catalog.RenderVariant("reply.answer-got", "no-mood");
        if (!otherOptedIn) return got;
        var where = !otherAnswered ? "waiting" : revealsOn ? "revealing" : "private";
        return Catalog.RenderVariant("reply.answer", where, ("got", got), ("partner", other.TextName));
    }

    /// <summary>
    /// The reply to the second answer of a night: the mood word understood (if any), then the other's
    /// answer whole, or its opening and <paramref name="nightLink"/> when it is too long for the reveal's segments.
    /// </summary>
    public static string AnswerWithReveal(
        MoodWord? mood, Partner other, string otherAnswer, string? nightLink, bool askForMood = false) =>
        RevealText.ComposeAfter(
            mood is not null ? Catalog.RenderVariant("reply.reveal-lead", "mood", ("mood", MoodNames.Of(mood)))
            : askForMood ? AskForMoodLead
            : Catalog.RenderVariant("reply.reveal-lead", "plain"),
            other.TextName,
            otherAnswer,
            nightLink);

    /// <summary>
    /// How the reply that carries the other's answer asks for a mood word (a feeling word sent within a
    /// few hours is added).
    /// </summary>
    public static string AskForMoodLead => Catalog.RenderVariant("reply.reveal-lead", "ask-for-mood");

    private static (string, string)[] Window(Partner partner) =>
        [("start", partner.Clock(WakingWindow.Start)), ("end", partner.Clock(WakingWindow.End))];

    /// <summary>An inviter as the reply to an ambiguous YES names them: "Ana ***0182".</summary>
    public static string Inviter(Partner inviter) => $"{inviter.TextName} {PhoneMask.Mask(inviter.Phone)}";

    private static string SlotVariant(Slot slot) => slot == Slot.Evening ? "evening" : "morning";

    private static string OccasionVariant(string kind) => kind == Occasion.Anniversary ? "anniversary" : "birthday";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
