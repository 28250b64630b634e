using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;

namespace HappyTogether.Pages.WeekPage;

/// <summary>One local day of the week for both partners: whether each answered, and the mood word each gave (null for
/// none).</summary>
/// <param name="Theirs">Null while the other partner keeps their words private, and until their answer of that night
/// reached the viewer.</param>
/// <param name="TheirsShared">The other partner's answer of that night reached the viewer (<see
/// cref="SharedTexts"/>).</param>
public sealed record WeekDay(DateOnly Date, bool MineAnswered, MoodWord? Mine, bool TheirsAnswered, MoodWord? Theirs, bool TheirsShared = true);

/// <summary>
/// What the week page shows one partner: mood words day by day and nights answered, never an
/// answer's text. <paramref name="OtherName"/> is the other partner's name as stored (encode it to show it).
/// </summary>
/// <param name="TheirsPrivate">The other partner has SHARE OFF: their words stay out, their counts stay in (as in the
/// recap).</param>
public sealed record WeekView(string OtherName, bool TheirsPrivate, IReadOnlyList<WeekDay> Days, bool MonthFirst = false)
{
    /// <summary>Days shown: the seven local days up to the week's last.</summary>
    public const int Length = 7;

    public int NightsMine => Days.Count(d => d.MineAnswered);
    public int NightsTheirs => Days.Count(d => d.TheirsAnswered);
    public int NightsBoth => Days.Count(d => d.MineAnswered && d.TheirsAnswered);

    /// <summary>
    /// The week ending on <paramref name="end"/> as <paramref name="viewer"/> sees it, from that week's
    /// answers: the other's words only where <paramref name="shared"/> (the export's reveal rule) says
    /// their answer reached the viewer, so tonight's stays off until the viewer has answered too.
    /// </summary>
    public static WeekView From(Couple couple, string viewer, DateOnly end, IEnumerable<AnswerRecord> answers, SharedTexts shared, MoodLexicon lexicon)
    {
        var me = couple[viewer];
        var other = couple.Other(me);
        var byDay = answers.ToLookup(a => (a.Date, a.Partner));
        MoodWord? Word(AnswerRecord? answer) =>
            answer is { MoodRecognized: true, Mood: { } mood } && lexicon.TryGet(mood, out var v) ? new MoodWord(mood, v.Pleasantness, v.Energy) : null;

        var days = Enumerable.Range(0, Length).Select(i =>
        {
            var date = end.AddDays(i + 1 - Length);
            var mine = byDay[(date, me.Key)].FirstOrDefault();
            // A withheld answer (fear of the partner) reads as none: the viewer sees that night as unanswered.
            var theirs = byDay[(date, other.Key)].FirstOrDefault(a => !a.Withheld);
            var reached = theirs is not null && shared.Reached(theirs);
            return new WeekDay(date, mine is not null, Word(mine), theirs is not null, other.ShareOff || !reached ? null : Word(theirs), reached);
        }).ToList();
        return new WeekView(other.Name, other.ShareOff, days, DateText.MonthFirst(me.Phone));
    }
}
