using HappyTogether.Content.Reveals;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Entry.Inbound;

/// <summary>What the app texts back to an inbound text. GSM-7 only, short, warm.</summary>
public static class ReplyTexts
{
    private const string Keywords =
        "HappyTogether: PAUSE, RESUME, SKIP, DONE, STATUS, TIME 9pm, MORNING 8am, RECAP sun 7pm, ZONE Chicago, EVERY 2/WEEKDAYS/DAILY, "
        + "THANKS fri, DATE bday 3/2, DATES, APART/TOGETHER, SHARE OFF, NUDGE OFF/ON, EXPORT, DELETE, STOP. Msg&data rates may apply.";

    /// <summary>Longest operator contact HELP carries, so HELP stays within two segments.</summary>
    public const int MaxContactLength = 50;

    /// <summary>The HELP reply: the keywords, and how to reach the operator (carriers expect it) when <paramref name="contact"/> is set.</summary>
    public static string Help(string? contact) =>
        string.IsNullOrWhiteSpace(contact) ? Keywords : $"{Keywords} Help: {HappyTogether.Foundation.Text.Gsm7.Transliterate(contact.Trim())}";

    /// <summary>HELP from a number in no couple: one segment, with the operator's contact (at most <see cref="MaxContactLength"/> characters).</summary>
    public static string StrangerHelp(string? contact) =>
        "HappyTogether: check-in texts for couples. JOIN to sign up, STOP to opt out. Msg&data rates may apply."
        + (string.IsNullOrWhiteSpace(contact) ? "" : $" Help: {HappyTogether.Foundation.Text.Gsm7.Transliterate(contact.Trim())}");

    /// <summary>YES from a number that several invitations reached: which one, by the last digits of the other partner's number.</summary>
    public static string WhichInvitation(IReadOnlyList<Partner> inviters) =>
        $"Invitations from {string.Join(", ", inviters.Take(3).Select(p => $"{p.TextName} {HappyTogether.Foundation.Phones.PhoneMask.Mask(p.Phone)}"))}. "
        + $"Reply YES and the last 4 digits of the one to join, e.g. YES {inviters[0].Phone[^4..]}.";

    /// <summary>YES from someone who joined with a code, before the code's owner confirmed.</summary>
    public const string WaitingForPartner = "You're all set! Your texts start as soon as your partner confirms.";

    /// <summary>A pairing code from someone already in a couple: it joins nothing.</summary>
    public const string AlreadyPaired = "You're already paired up on HappyTogether. To start with someone new, text DELETE first.";

    public const string UnknownNumber = "This number isn't signed up for HappyTogether. Text JOIN to start, with your partner.";
    public const string NotYetJoined = "To start HappyTogether, reply YES. Reply STOP if you'd rather not.";
    public const string AlreadyIn = "You're already in! Reply HELP for the keywords.";
    public const string Picture = "Thanks! Pictures stay with you here: text a few words to answer.";
    public const string NoteBeforeFirstQuestion = "Saved as a note. Your first question arrives this evening.";
    public const string NoteAfterAnswer = "Saved as a note. You've already answered tonight's question.";
    public const string NotesFull = "That's all the notes we can keep for tonight, so this one wasn't saved. Text again tomorrow!";
    public const string OptedOut = "You're unsubscribed from HappyTogether and won't get more texts. Reply START to come back.";
    public const string ReplyStopToStop = "Reply STOP to stop all texts from HappyTogether. Your message stays private.";
    public const string Skip = "No more texts today. See you tomorrow!";
    public const string Resume = "Welcome back! Texts pick up with the next idea or question.";
    public const string NotPaused = "You're not paused. Try PAUSE 7 to take a week off.";
    public const string PauseExample = "Try PAUSE 7 to pause for 7 days (1 to 30).";
    public const string Done = "Nice one! Today's idea is marked done.";
    public const string DeleteAsk = "Reply DELETE YES within 10 minutes to erase everything HappyTogether keeps about you both. This can't be undone.";
    public const string DeleteDone = "Done: everything is being erased and the texts have stopped. Take care!";
    public const string DeleteFirst = "To erase your data, text DELETE first, then DELETE YES within 10 minutes.";
    public const string ShareOff = "Sharing is off: your answers stay private. Text SHARE ON to turn it back on.";
    public const string NudgeOff = "Got it: no more reminders when your partner answers first. Text NUDGE ON to bring them back.";
    public const string NudgeOn = "Reminders are on: if your partner answers first, you'll get one nudge.";
    public const string Apart = "Got it: from now on, ideas that work from afar. Text TOGETHER when you're in one place again.";
    public const string Together = "Got it: ideas for when you're together are back. Text APART if you're apart again.";
    public const string ZoneExample = "Unknown time zone. Try ZONE Chicago or ZONE Europe/London.";

    public static string ShareOn(Partner other) => other.ShareOff
        ? $"Sharing is on for you. Answers are shared once {other.TextName} turns it on too."
        : "Sharing is on: once you both answer, you'll see each other's answers.";

    public static string MoodAdded(HappyTogether.Foundation.Moods.MoodWord mood) => $"Got it: {mood.Word}, added to tonight's answer.";

    public static string ReactionKept(Partner other) => $"Kept just for you: one reaction a night goes to {other.TextName}.";

    public static string RecapSet(Partner partner, DayOfWeek day, TimeOnly time) => $"Your weekly recap now comes on {day}s at {partner.Clock(time)}.";

    public static string RecapExample(Partner partner) =>
        $"Try RECAP sun 7pm: a day and a time between {partner.Clock(WakingWindow.Start)} and {partner.Clock(WakingWindow.End)}.";

    public static string Paused(DateOnly until) => $"Paused until {until:MMM d}. Text RESUME to start again sooner.";

    public static string TimeSet(Partner partner, Slot slot, TimeOnly time) => slot == Slot.Evening
        ? $"Evening questions now come at {partner.Clock(time)}."
        : $"Morning ideas now come at {partner.Clock(time)}.";

    public static string TimeExample(Partner partner, Slot slot) => slot == Slot.Evening
        ? $"Try TIME 9pm or TIME 20:30 (between {partner.Clock(WakingWindow.Start)} and {partner.Clock(WakingWindow.End)})."
        : $"Try MORNING 7:30 or MORNING 8am (between {partner.Clock(WakingWindow.Start)} and {partner.Clock(WakingWindow.End)}).";

    public static string TimeOrder(Slot slot, Partner partner) => slot == Slot.Evening
        ? $"That's before your morning idea ({partner.Clock(partner.MorningTime)}). Try a later time."
        : $"That's after your evening question ({partner.Clock(partner.EveningTime)}). Try an earlier time.";

    public static string ZoneSet(Partner partner) =>
        $"Time zone set to {partner.TimeZone}. Ideas at {partner.Clock(partner.MorningTime)}, questions at {partner.Clock(partner.EveningTime)} local time.";

    public static string Status(Couple couple, Partner partner, int streak, DateOnly today)
    {
        var paused = partner.PausedUntil >= today ? $" Paused until {partner.PausedUntil:MMM d}." : "";
        var nights = streak == 1 ? "1 night" : $"{streak} nights";
        var cadence = Rhythm.Describe(couple.Cadence);
        return $"Texts {cadence}: ideas at {partner.Clock(partner.MorningTime)}, questions at {partner.Clock(partner.EveningTime)} ({partner.TimeZone}).{paused} Streak: {nights} you both answered.";
    }

    public static string CadenceSet(Cadence cadence, Partner other) => cadence switch
    {
        Cadence.EveryOtherDay => $"Done: ideas and questions now come every other day, for you and {other.TextName}. Text DAILY to go back.",
        Cadence.Weekdays => $"Done: ideas and questions now come on weekdays only, for you and {other.TextName}. Text DAILY to go back.",
        _ => $"Done: ideas and questions come every day again, for you and {other.TextName}.",
    };

    public static string Thanks(DayOfWeek? night) => night is { } day
        ? $"Appreciation night is now on {day}s: that evening's question asks what you appreciated about each other."
        : "Appreciation night is off. Text THANKS thu to bring it back.";

    public const string DateExample = "Try DATE anniversary 06-14 or DATE birthday 03-02 (month-day). DATE birthday OFF removes one.";

    public static string DateSaved(string kind, MonthDay day, Partner other) => kind == Occasion.Anniversary
        ? $"Saved: your anniversary is {day.Text}. That day's idea and question will fit it, and {other.TextName} gets a heads-up 5 days before."
        : $"Saved: your birthday is {day.Text}. That day's texts will fit it, and {other.TextName} gets a heads-up 5 days before.";

    public static string DateRemoved(string kind) => kind == Occasion.Anniversary ? "Your anniversary is removed." : "Your birthday is removed.";

    /// <summary>DATES: what is stored, as the partner reads it.</summary>
    public static string Dates(Couple couple, Partner partner)
    {
        var other = couple.Other(partner);
        var dates = new[]
        {
            couple.Anniversary is { } a ? $"anniversary {a.Text}" : null,
            partner.Birthday is { } mine ? $"your birthday {mine.Text}" : null,
            other.Birthday is { } theirs ? $"{other.TextName}'s birthday {theirs.Text}" : null,
        }.Where(d => d is not null).ToList();
        return dates.Count == 0 ? "No dates yet. " + DateExample : $"Your dates: {string.Join(", ", dates)}. Text DATE anniversary OFF to remove one.";
    }

    /// <summary>EXPORT: the link to the partner's own data; null without a public address (a local run with none set).</summary>
    public static string Export(string? link) => link is null
        ? "Export needs the app's public address, which isn't set here. Ask whoever runs HappyTogether."
        : $"Your answers, the ones shared with you and your mood words, as JSON or CSV. The link works for {(int)HappyTogether.Foundation.Links.SignedLinks.ExportLifetime.TotalDays} days: {link}";

    /// <summary>The acknowledgement of an answer: what was understood, and where the partner is.</summary>
    public static string Answer(HappyTogether.Foundation.Moods.MoodWord? mood, Partner other, bool otherAnswered, bool revealsOn, bool otherOptedIn)
    {
        var got = mood is not null ? $"Got it: {mood.Word}." : "Got it, thanks! Add a feeling word (like calm or tired) for your weekly recap.";
        if (!otherOptedIn) return got;
        if (!otherAnswered) return $"{got} {other.TextName} hasn't answered yet.";
        return revealsOn ? $"{got} {other.TextName} answered too; their answer is on its way." : $"{got} Sharing is off, so answers stay private.";
    }

    /// <summary>The reply to the second answer of a night: the mood word understood (if any), then the other's answer, in one segment where it can be.</summary>
    public static string AnswerWithReveal(HappyTogether.Foundation.Moods.MoodWord? mood, Partner other, string otherAnswer, bool askForMood = false) =>
        RevealText.Compose(mood is not null ? $"Got it: {mood.Word}." : askForMood ? AskForMoodLead : "Got it.", other.TextName, otherAnswer);

    /// <summary>How the reply that carries the other's answer asks for a mood word (a feeling word sent within a few hours is added).</summary>
    public const string AskForMoodLead = "Got it! Text a feeling word (like calm) for your recap.";
}
