using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Prompts;

/// <summary>Choosing the day's picks: what the couple set and said, how the last nights and the last week went.</summary>
public sealed partial class PromptRotation
{
    /// <summary>The morning that asks the household question: a week in, once, while nobody has said.</summary>
    public const int HomeQuestionDay = 7;

    /// <summary>After this day the household question is no longer asked (a couple can still text HOME).</summary>
    private const int HomeQuestionUntil = 28;

    /// <summary>The picks of <paramref name="slot"/> on <paramref name="date"/>, from the row's picks and the answered
    /// nights of the last two weeks.</summary>
    private List<Pick> ChooseFor(Couple couple, Slot slot, DateOnly date, RotationRow rotation)
    {
        var picks = rotation.Picks;
        var recent = picks[slot];
        var day = date.DayNumber;
        var since = date.AddDays(-AnswerDays);
        var lately = rotation.Nights.Where(n => n.Date >= since && n.Date < date).ToList();
        var nights = LastNights(couple, date, picks[Slot.Evening], lately);
        var heavy = HeavyFor(couple, date, lately);
        var dayIndex = day - couple.Epoch.DayNumber;
        var context = new RotationContext(dayIndex, couple.IsApartOn(date), slot == Slot.Evening && nights.LastMissed, recent)
        {
            Missed = nights.LastMissed,
            Week = Weigh(date, lately, heavy),
            Listening = couple.ListeningDate is not null,
            ListeningToday = couple.ListeningDate?.IsOn(date) == true,
            Ritual = couple.Ritual is not null,
            Home = couple.Home,
        };
        var seed = HappyTogether.Foundation.Text.StableHash.Of($"{couple.Id}|{slot}|{date.DayNumber}");
        var offers = (slot == Slot.Evening ? nights.Quiet : []).Select(partner => new Pick(day, partner, CadenceOffer));

        // A couple with a partner who reads another language draws from what is written in it.
        var languages = couple.Partners.Select(p => p.Language).Where(l => l is not null && l != catalog.Language).Distinct().ToList();
        IReadOnlyList<Prompt> Written(IReadOnlyList<Prompt> pool) => languages.Count == 0 ? pool : pool.Where(p => catalog.IsWrittenIn(p.Id, languages)).ToList();

        var occasion = couple.OccasionOn(date);
        if (occasion is { Kind: Occasion.Birthday } birthday)
        {
            // Whose birthday it is gets their own kind of prompt; the other gets one about them.
            var own = PromptChoice.Choose(Written(catalog.For(slot, Specials.OwnBirthday)), date, context, seed);
            var theirs = PromptChoice.Choose(Written(catalog.For(slot, Specials.Birthday)), date, context, seed / 7 + 1);
            return [new Pick(day, birthday.Partner, own.Id), new Pick(day, birthday.HeadsUpFor(), theirs.Id), .. offers];
        }
        if (occasion is null && slot == Slot.Morning)
        {
            if (couple.Home.IsUnknown && dayIndex is >= HomeQuestionDay and <= HomeQuestionUntil && !recent.Any(p => p.PromptId == HomeQuestion))
                return [new Pick(day, Pick.Both, HomeQuestion)];
            if (FollowThrough.Due(couple, date, catalog, picks[Slot.Evening], recent, lately) is { } question)
                return [new Pick(day, Couple.PartnerA, FollowThrough.PickPrefix + question.Id), new Pick(day, Couple.PartnerB, FollowThrough.PickPrefix + question.Id)];
        }
        var prompts = Written(occasion is not null ? catalog.For(slot, Specials.Anniversary)
            : slot == Slot.Evening && CheckInOn(couple, date) is { } checkIn ? catalog.For(slot, checkIn)
            : slot == Slot.Evening && couple.IsAppreciationNight(date) ? catalog.For(slot, Specials.Appreciation)
            : catalog.For(slot));
        var first = PromptChoice.Choose(prompts, date, context, seed);
        if (slot == Slot.Evening || !first.OneSided) return [new Pick(day, Pick.Both, first.Id), .. offers];
        // A one-sided idea goes to one partner; the other gets a different idea the same day, never a conditional one, so
        // a repair idea never reaches both.
        var conditional = prompts.Where(p => p.When is not null && p.When != Condition.ListeningDate).Select(p => p.Id);
        var second = PromptChoice.Choose(prompts, date, context, seed / 7 + 1, new HashSet<string>(conditional) { first.Id });
        var to = RecipientOf(couple, first, nights.MissedBy, heavy);
        return [new Pick(day, to, first.Id), new Pick(day, to == Couple.PartnerA ? Couple.PartnerB : Couple.PartnerA, second.Id)];
    }

    /// <summary>
    /// Who gets a one-sided idea: after a missed night, the partner who let it go by ("Owe Sam a reply?"); after a
    /// heavy week, the partner of the one whose week was heavy ("Sam has seemed tired lately?"); else partner a.
    /// </summary>
    private static string RecipientOf(Couple couple, Prompt idea, IReadOnlyList<string> missedBy, IReadOnlyList<string> heavy) => idea.When switch
    {
        Condition.MissedNight when missedBy is [var only] => only,
        Condition.HeavyWeek when heavy is [var only] => couple.Other(couple[only]).Key,
        _ => Couple.PartnerA,
    };

    /// <summary>The check-in the evening after the third listening date or ritual; the ritual's waits a day when both
    /// fall on one evening.</summary>
    private static string? CheckInOn(Couple couple, DateOnly date)
    {
        var listening = couple.ListeningDate?.CheckInOn;
        if (listening == date) return Specials.ListeningCheckIn;
        var ritual = couple.Ritual?.CheckInOn;
        return ritual == date || (ritual == date.AddDays(-1) && listening == ritual) ? Specials.RitualCheckIn : null;
    }

    /// <summary>
    /// How the seven days before <paramref name="date"/> weighed, by the recap's rule: heavy when either partner's mood
    /// words ran heavy, strong when both answered at least five nights and neither ran heavy.
    /// </summary>
    private static WeekWeight Weigh(DateOnly date, IReadOnlyList<AnsweredNight> answers, IReadOnlyList<string> heavy)
    {
        if (heavy.Count > 0) return WeekWeight.Heavy;
        var week = LastWeek(date, answers);
        var shown = week.Where(a => !a.Withheld).ToList();
        var both = shown.Where(a => a.Partner == Couple.PartnerA).Select(a => a.Date).Intersect(shown.Where(a => a.Partner == Couple.PartnerB).Select(a => a.Date)).Count();
        return both >= WeekWeights.StrongNights ? WeekWeight.Strong : WeekWeight.Usual;
    }

    /// <summary>The partners whose mood words of the seven days before <paramref name="date"/> ran heavy. A withheld
    /// answer's mood never counts: a heavy week changes what both get, and sends the other partner an idea about it.</summary>
    private static List<string> HeavyFor(Couple couple, DateOnly date, IReadOnlyList<AnsweredNight> answers)
    {
        var week = LastWeek(date, answers);
        return couple.Partners.Where(p => WeekWeights.OutweighedByUnpleasant(week
            .Where(a => a.Partner == p.Key && a.MoodRecognized && !a.Withheld).Select(a => a.MoodSign).ToList()))
            .Select(p => p.Key).ToList();
    }

    private static List<AnsweredNight> LastWeek(DateOnly date, IReadOnlyList<AnsweredNight> answers) =>
        answers.Where(a => a.Date < date && a.Date >= date.AddDays(-7)).ToList();

    /// <summary>How the last question nights went: whether someone skipped or left the last one unanswered, and who let
    /// the last five go by.</summary>
    private sealed record Nights(bool LastMissed, IReadOnlyList<string> Quiet)
    {
        /// <summary>Who skipped or left the last question night unanswered.</summary>
        public IReadOnlyList<string> MissedBy { get; init; } = [];
    }

    /// <summary>
    /// From the answers since the fifth-last question night: a partner who was opted in and not paused through five
    /// question nights and answered none is offered EVERY 2, once, while the couple goes daily.
    /// </summary>
    private static Nights LastNights(Couple couple, DateOnly date, IReadOnlyList<Pick> evenings, IReadOnlyList<AnsweredNight> answers)
    {
        var nights = evenings.Where(p => p.Day < date.DayNumber && p.PromptId != CadenceOffer).Select(p => p.Day).Distinct().OrderDescending().Take(Rhythm.QuietNightsBeforeOffer).ToList();
        if (nights.Count == 0) return new(false, []);
        var first = DateOnly.FromDayNumber(nights[^1]);
        var last = DateOnly.FromDayNumber(nights[0]);
        var answered = answers.Where(a => a.Date >= first && a.Date <= last).ToList();
        var optedIn = couple.Partners.Where(p => p.Consent == ConsentState.OptedIn).ToList();
        var missedBy = couple.Partners.Where(p => p.SkipDate == last || (p.Consent == ConsentState.OptedIn && !answered.Any(a => a.Partner == p.Key && a.Date == last)))
            .Select(p => p.Key).ToList();
        var quiet = nights.Count < Rhythm.QuietNightsBeforeOffer || couple.Cadence != Cadence.Daily ? []
            : optedIn.Where(p => p.CadenceOfferedOn is null && !(p.PausedUntil >= first)
                && p.ConsentChangedUtc is { } since && ZoneTime.LocalDate(since, p.Zone) < first
                && answered.All(a => a.Partner != p.Key))
                .Select(p => p.Key).ToList();
        return new(missedBy.Count > 0, quiet) { MissedBy = missedBy };
    }
}
