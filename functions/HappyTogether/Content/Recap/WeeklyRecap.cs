using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Moods;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;

namespace HappyTogether.Content.Recap;

/// <summary>A mood word and how often a partner used it in the week.</summary>
public sealed record MoodCount(string Word, int Count, Quadrant? Quadrant)
{
    /// <summary>The word as the partner last wrote it when they wrote it in another language ("cansada").</summary>
    public string? Written { get; init; }
}

/// <summary>One partner's side of a weekly recap.</summary>
/// <param name="Words">Recognized mood words, most frequent first.</param>
/// <param name="Unrecognized">Answers whose mood word the lexicon does not know.</param>
/// <param name="Trend">brighter, steady or heavier against the week before; null without words in both weeks.</param>
/// <param name="NudgeWord">The most frequent unpleasant word a "heavy" nudge names.</param>
/// <param name="Care">Whether this recap carries the care slot: the line about couples counseling, or in a week with
/// a distress text the crisis line.</param>
public sealed record PartnerRecap(
    string Partner, string Name, IReadOnlyList<MoodCount> Words, int Unrecognized, int NightsAnswered, int IdeasDone,
    string? Trend, string Situation, string NudgeId, string? NudgeWord, bool Care)
{
    /// <summary>The words of nights both answered: what the other partner's recap may show (the reveal rule, as for the
    /// answers themselves).</summary>
    public IReadOnlyList<MoodCount> SharedWords { get; init; } = [];

    /// <summary>A text of this partner's signaled distress this week: the care slot names the crisis line.</summary>
    public bool Crisis { get; init; }
}

/// <summary>A couple's week: from the first to the last local date (inclusive), both partners' sides.</summary>
public sealed record CoupleRecap(string CoupleId, DateOnly From, DateOnly To, int NightsBoth, int Streak, IReadOnlyList<PartnerRecap> Partners)
{
    /// <summary>Both answered the week's appreciation question (the recap says so and quotes neither).</summary>
    public bool BothAppreciated { get; init; }

    public PartnerRecap this[string partner] => Partners.Single(p => p.Partner == partner);
}

/// <summary>Computes a weekly recap from four weeks of answers and DONE marks (what one range query returns).</summary>
public static class WeeklyRecap
{
    /// <summary>Days of history a recap reads: this week, the one before (trend) and two more (the care
    /// rule).</summary>
    public const int HistoryDays = 28;

    public const string Brighter = "brighter";
    public const string Steady = "steady";
    public const string Heavier = "heavier";

    /// <summary>
    /// The recap of the week ending on <paramref name="end"/>; <paramref name="streak"/> comes from
    /// Answers.StreakAsync, as STATUS's does, and may reach back before the answers given.
    /// <paramref name="isAppreciation"/> tells the appreciation night's prompts by id.
    /// </summary>
    public static CoupleRecap Compute(
        Couple couple, DateOnly end, IReadOnlyList<AnswerRecord> answers, IReadOnlyList<(DateOnly Date, string Partner)> done, int streak, MoodLexicon lexicon, Nudges nudges,
        Func<string?, bool>? isAppreciation = null, IReadOnlyList<AnswerRecord>? care = null)
    {
        var from = end.AddDays(-6);
        bool InWeek(DateOnly d, int weeksBack) => d >= from.AddDays(-7 * weeksBack) && d <= end.AddDays(-7 * weeksBack);

        // A withheld answer (a reply that signals fear of the partner) counts only in its writer's own words: for the
        // other partner that night stays unanswered, so it adds no shared word, no night both answered, no appreciation.
        var shown = answers.Where(a => !a.Withheld).ToList();
        var nightsByPartner = couple.Partners.ToDictionary(p => p.Key, p => shown.Where(a => a.Partner == p.Key).Select(a => a.Date).ToHashSet());
        var both = nightsByPartner[Couple.PartnerA].Intersect(nightsByPartner[Couple.PartnerB]).ToHashSet();
        var nightsBoth = both.Count(d => InWeek(d, 0));

        var sides = couple.Partners.Select(partner =>
        {
            var mine = answers.Where(a => a.Partner == partner.Key).ToList();
            var week = mine.Where(a => InWeek(a.Date, 0)).ToList();
            var words = Count(lexicon, week);
            var shared = Count(lexicon, week.Where(a => !a.Withheld && both.Contains(a.Date)).ToList());
            var thisWeek = Pleasantness(lexicon, mine, a => InWeek(a.Date, 0));
            var lastWeek = Pleasantness(lexicon, mine, a => InWeek(a.Date, 1));
            string? trend = thisWeek.Count == 0 || lastWeek.Count == 0 ? null
                : (thisWeek.Average() - lastWeek.Average()) switch { > 0.5 => Brighter, < -0.5 => Heavier, _ => Steady };

            // A week with a distress text gets the crisis line, never the generic heavy-week nudge; a week with a text
            // that signals fear of the partner never suggests couples counseling.
            var signals = (care ?? []).Where(t => t.Partner == partner.Key && InWeek(t.Date, 0)).Select(t => t.Care).ToHashSet();
            var crisis = signals.Contains(CareSignal.Distress);
            var heaviest = !crisis && WeekWeights.OutweighedByUnpleasant(thisWeek) ? words.Where(w => Values(lexicon, w.Word)?.Pleasantness < 0).Select(w => w.Word).FirstOrDefault() : null;
            var othersAnswered = nightsByPartner[couple.Other(partner).Key].Any(d => InWeek(d, 0));
            var situation = week.Count == 0 && !othersAnswered ? Situation.Quiet
                : heaviest is not null ? Situation.Heavy
                : nightsBoth >= WeekWeights.StrongNights ? Situation.Strong
                : week.Count == 0 || !othersAnswered ? Situation.Solo
                : Situation.Steady;
            var nudge = nudges.Pick(situation, end, partner.Key);

            var heavyWeeks = Enumerable.Range(0, 3).All(back => IsHeavy(Pleasantness(lexicon, mine, a => InWeek(a.Date, back))));
            // Once shown, not again for four weeks; the same date counts as not yet shown, so a retried send composes
            // the same text.
            var careAllowed = partner.CareShownOn is not { } shown || shown == end || shown <= end.AddDays(-HistoryDays);
            return new PartnerRecap(
                partner.Key, partner.Name, words, week.Count(a => !a.MoodRecognized), week.Select(a => a.Date).Distinct().Count(),
                done.Count(d => d.Partner == partner.Key && InWeek(d.Date, 0)), trend, situation, nudge.Id,
                situation == Situation.Heavy ? heaviest : null,
                crisis || (heavyWeeks && careAllowed && !signals.Contains(CareSignal.Safety)))
            { SharedWords = shared, Crisis = crisis };
        }).ToList();

        var appreciated = shown.Where(a => InWeek(a.Date, 0) && isAppreciation?.Invoke(a.PromptId) == true).GroupBy(a => a.Date)
            .Any(night => night.Select(a => a.Partner).Distinct().Count() == 2);
        return new CoupleRecap(couple.Id, from, end, nightsBoth, streak, sides) { BothAppreciated = appreciated };
    }

    /// <summary>Recognized mood words with their counts, most frequent first, then earliest first.</summary>
    private static List<MoodCount> Count(MoodLexicon lexicon, IReadOnlyList<AnswerRecord> week) =>
        week.Where(a => a.MoodRecognized && a.Mood is not null)
            .GroupBy(a => a.Mood!)
            .Select(g => new MoodCount(g.Key, g.Count(), Values(lexicon, g.Key) is { } v ? new MoodWord(g.Key, v.Pleasantness, v.Energy).Quadrant : null)
            {
                Written = g.OrderByDescending(a => a.Date).Select(a => a.MoodWritten).FirstOrDefault(w => w is not null),
            })
            .OrderByDescending(w => w.Count).ThenBy(w => week.First(a => a.Mood == w.Word).Date)
            .ToList();

    /// <summary>A week weighs heavy for the care rule when it has at least three mood words and most are
    /// unpleasant.</summary>
    private static bool IsHeavy(IReadOnlyList<int> pleasantness) => pleasantness.Count >= 3 && pleasantness.Count(p => p < 0) * 2 > pleasantness.Count;

    private static List<int> Pleasantness(MoodLexicon lexicon, IEnumerable<AnswerRecord> answers, Func<AnswerRecord, bool> when) =>
        answers.Where(when).Where(a => a.MoodRecognized && a.Mood is not null)
            .Select(a => Values(lexicon, a.Mood!)).Where(v => v is not null).Select(v => v!.Value.Pleasantness).ToList();

    private static (int Pleasantness, int Energy)? Values(MoodLexicon lexicon, string word) =>
        lexicon.TryGet(word, out var values) ? values : null;
}
