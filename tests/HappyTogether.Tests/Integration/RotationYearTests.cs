using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// A year of mornings and evenings for four households through the real rotation and its stored log on Azurite: living
/// together, apart in two zones, apart in one town, kids at home. Each has a heavy stretch, missed nights, a night with
/// a care signal, and a listening date or a ritual. What the rotation must and must not do is judged by the test's own
/// reading of prompts.json (<see cref="PromptTraits"/>, <see cref="PromptCalendar"/>) and its own record of the year.
/// </summary>
public class RotationYearTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 15, 0, 0, TimeSpan.Zero);

    /// <summary>One household of the simulation: who, what they told HOME on day 0, and the weekly time they set.</summary>
    private sealed record Setup(string Name, Household Home, bool Listening, DayOfWeek Day, TimeOnly? Time, string? What, int SetOnDay);

    private sealed record Day(DateOnly Date, ComposedPrompt IdeaA, ComposedPrompt IdeaB, ComposedPrompt QuestionA, ComposedPrompt QuestionB);

    private sealed record Answered(DateOnly Date, string Partner, string Text, string? Mood, bool Unpleasant, CareSignal Care);

    private static readonly string[] Pleasant = ["happy", "calm", "grateful"];
    private static readonly string[] Unpleasant = ["stressed", "sad", "anxious"];
    private static readonly string[] Replies = ["a warm croissant", "the song from our road trip", "tacos at the corner place", "a slow Sunday walk", "your terrible puns", "that beach in June"];

    /// <summary>Days of each year with heavy mood words from partner a, the night a's answer carries a care signal, and
    /// a week of a's answers without a mood word.</summary>
    private const int HeavyFrom = 60, HeavyTo = 74, CareNight = 120, NoMoodFrom = 200, NoMoodTo = 206;

    [Fact]
    public async Task A_year_for_four_households_keeps_every_rule_and_fits_what_each_couple_set()
    {
        await using var app = await TestApp.StartAsync(Start);
        var store = app.Get<CoupleStore>();
        var consent = app.Get<HappyTogether.Lifecycle.Consent.ConsentService>();
        var enrolled = new[]
        {
            await app.EnrollOptedInAsync("+13125550181", "+13125550182"),
            // Long-distance: London and Los Angeles, eight hours apart; they never answer the household question.
            await app.EnrollAsync(phoneA: "+447911123456", phoneB: "+13105550185", timeZone: "Europe/London", zoneB: "America/Los_Angeles"),
            await app.EnrollAsync(phoneA: "+12125550183", phoneB: "+12125550184", timeZone: "America/New_York"),
            await app.EnrollAsync(phoneA: "+17735550186", phoneB: "+17735550187"),
        };
        foreach (var couple in enrolled.Skip(1)) await Joined.BothAsync(store, consent, couple, "test:YES");
        var setups = new[]
        {
            new Setup("together", new Household(false, null, NoSpending: true), Listening: false, DayOfWeek.Friday, null, "pizza and puzzle night", 10),
            new Setup("apart, two zones", Household.Unknown, Listening: true, DayOfWeek.Sunday, new TimeOnly(20, 0), null, 3),
            new Setup("apart, one town", new Household(true, false, NoLongWalks: true), Listening: true, DayOfWeek.Wednesday, new TimeOnly(21, 0), null, 30),
            new Setup("kids at home", new Household(false, true), Listening: false, DayOfWeek.Saturday, new TimeOnly(10, 0), "family pancakes", 5),
        };
        var years = await Task.WhenAll(enrolled.Select((c, i) => YearAsync(app, c.Id, setups[i])));

        var report = new List<string>();
        var violations = new List<string>();
        for (var i = 0; i < setups.Length; i++)
        {
            var (couple, days, answered) = years[i];
            var setup = setups[i];
            var counts = Judge(couple, setup, days, answered, app.Get<PromptRotation>().Catalog, report);
            violations.AddRange(counts.Where(c => c.Value != 0).Select(c => $"{setup.Name}: {c.Key} {c.Value}"));
        }
        foreach (var line in report) output.WriteLine(line);
        var sample = years[1].Days;
        foreach (var d in sample.Where((_, j) => j % 45 == 8).Take(8))
            output.WriteLine($"{d.Date:ddd yyyy-MM-dd}: London gets \"{d.IdeaA.Body}\" / Los Angeles gets \"{d.IdeaB.Body}\" / question \"{d.QuestionA.Body}\"");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>Every rule as a count of the days that broke it; a report line of what the year held.</summary>
    private static Dictionary<string, int> Judge(Couple couple, Setup setup, List<Day> year, List<Answered> answered, PromptCatalog catalog, List<string> report)
    {
        PromptTraits.Traits? T(ComposedPrompt p) => p.Prompt is null ? null : PromptTraits.Of(p.Id);
        var setOn = couple.Epoch.AddDays(setup.SetOnDay);
        bool RitualSet(DateOnly d) => d >= setOn;
        bool Missed(DateOnly night) => !answered.Any(a => a.Date == night && a.Partner == "a") || !answered.Any(a => a.Date == night && a.Partner == "b");
        List<string> HeavyFor(DateOnly d) => new[] { "a", "b" }.Where(p =>
        {
            var week = answered.Where(a => a.Partner == p && a.Date < d && a.Date >= d.AddDays(-7) && a.Mood is not null).ToList();
            var bad = week.Count(a => a.Unpleasant);
            return bad >= 3 && bad >= 2 * (week.Count - bad);
        }).ToList();
        bool Heavy(DateOnly d) => HeavyFor(d).Count > 0;
        bool Holds(string? when, DateOnly d) => when switch
        {
            null => true,
            "missed-night" => year.Any(y => y.Date == d.AddDays(-1)) && Missed(d.AddDays(-1)),
            "heavy-week" => Heavy(d),
            "listening-date" => setup.Listening && RitualSet(d),
            "no-listening-date" => !(setup.Listening && RitualSet(d)),
            "ritual" => !setup.Listening && RitualSet(d),
            _ => false,
        };
        bool AgainstHome(PromptTraits.Traits t) =>
            (t.For == "kids" && setup.Home.Kids != true) || (t.For == "apart-in-town" && setup.Home.LivesApart != true)
            || (setup.Home.LivesApart == true && t.Needs.Contains("shared-home")) || (setup.Home.Kids == true && t.Needs.Contains("free-evening"))
            || (setup.Home.NoSpending && t.Needs.Contains("spending")) || (setup.Home.NoLongWalks && t.Needs.Contains("walking"));
        bool FollowThrough(Day d) => HappyTogether.Content.Prompts.FollowThrough.IsPick(d.IdeaA.Id);

        var ideas = year.SelectMany(d => new[] { d.IdeaA, d.IdeaB }.Where(p => p.Prompt is not null).Select(p => p.Id).Distinct()).ToList();
        var questions = year.Select(d => d.QuestionA.Id).ToList();
        var farApart = couple.IsApartOn(year[0].Date);
        var counts = new Dictionary<string, int>
        {
            ["idea repeats"] = ideas.Count - ideas.Distinct().Count(),
            ["question repeats"] = questions.Count - questions.Distinct().Count(),
            ["partners with different questions"] = year.Count(d => d.QuestionA.Id != d.QuestionB.Id),
            ["together ideas while far apart"] = farApart ? year.Count(d => new[] { d.IdeaA, d.IdeaB }.Any(p => p.Prompt?.Setting == Setting.Together)) : 0,
            ["apart ideas to couples who live together"] = farApart || setup.Home.LivesApart == true ? 0 : year.Count(d => new[] { d.IdeaA, d.IdeaB }.Any(p => p.Prompt?.Setting == Setting.Apart)),
            ["one-sided ideas to both"] = year.Count(d => d.IdeaA.Id == d.IdeaB.Id && T(d.IdeaA)?.OneSided == true),
            ["calendar slips"] = year.Count(d => new[] { d.IdeaA, d.IdeaB, d.QuestionA }.Any(p => p.Prompt is not null && !PromptCalendar.Fits(p.Id, d.Date))),
            ["texts not one GSM-7 segment"] = year.Count(d => new[] { d.IdeaA, d.IdeaB, d.QuestionA, d.QuestionB }.Any(p => !Gsm7.IsBasic(p.Body) || Gsm7.Segments(p.Body) > 1)),
            ["three deep questions in a row"] = year.Where((d, j) => j >= 2 && new[] { year[j - 2], year[j - 1], d }.All(x => T(x.QuestionA)?.Depth == "deep")).Count(),
            ["non-light question after a missed night"] = year.Count(d => d.Date > year[0].Date && Missed(d.Date.AddDays(-1)) && T(d.QuestionA) is { Special: null } t && t.Depth != "light"),
            ["listening-date texts without a set date"] = year.Count(d => new[] { d.IdeaA, d.IdeaB, d.QuestionA }.Any(p => T(p)?.When == "listening-date" && !(setup.Listening && RitualSet(d.Date)))),
            ["conditional texts whose condition does not hold"] = year.Count(d => new[] { d.IdeaA, d.IdeaB, d.QuestionA }.Any(p => T(p) is { } t && !Holds(t.When, d.Date))),
            ["repair ideas to both partners"] = year.Count(d => T(d.IdeaA)?.IsRepair == true && T(d.IdeaB)?.IsRepair == true),
            // Partner b lets a night go by, partner a's words run heavy: an idea for after a missed night goes to b, one
            // for a heavy week to b, about a.
            ["missed-night ideas to the partner who answered"] = year.Count(d => T(d.IdeaA)?.When == "missed-night"),
            ["heavy-week ideas to the partner whose week was heavy"] = year.Count(d => T(d.IdeaA)?.When == "heavy-week" && HeavyFor(d.Date) is ["a"]),
            ["ideas against the household"] = year.Count(d => new[] { d.IdeaA, d.IdeaB }.Any(p => T(p) is { } t && AgainstHome(t))),
            ["skill drills after a heavy week"] = year.Count(d => Heavy(d.Date) && new[] { d.IdeaA, d.IdeaB, d.QuestionA }.Any(p => T(p)?.IsSkill == true)),
            ["follow-throughs two mornings running"] = year.Where((d, j) => j > 0 && FollowThrough(d) && FollowThrough(year[j - 1])).Count(),
            ["follow-throughs without both answers, or on a care answer"] = year.Count(d => FollowThrough(d)
                && (Missed(d.Date.AddDays(-1)) || answered.Any(a => a.Date == d.Date.AddDays(-1) && a.Care != CareSignal.None))),
            ["follow-throughs not quoting the other's answer"] = year.Count(d => FollowThrough(d) && !(
                d.IdeaA.Body.Contains(Quote(answered, d.Date.AddDays(-1), "b"), StringComparison.Ordinal)
                && d.IdeaB.Body.Contains(Quote(answered, d.Date.AddDays(-1), "a"), StringComparison.Ordinal))),
        };

        // The check-in: once, the evening after the third time, and no other evening.
        var checkIns = year.Where(d => T(d.QuestionA)?.Special is "checkin-listening" or "checkin-ritual").Select(d => d.Date).ToList();
        var third = setOn.AddDays(((int)setup.Day - (int)setOn.DayOfWeek + 6) % 7 + 1).AddDays(14);
        counts["check-ins not exactly the evening after the third time"] = checkIns.SequenceEqual([third.AddDays(1)]) ? 0 : 1;
        // The household question: a week in, once, only to the couple that never said.
        var homeQuestions = year.Where(d => d.IdeaA.Id == PromptRotation.HomeQuestion && d.IdeaB.Id == PromptRotation.HomeQuestion).Select(d => (d.Date.DayNumber - couple.Epoch.DayNumber)).ToList();
        counts["household questions other than once on day 7 to the couple that never said"] =
            homeQuestions.SequenceEqual(setup.Home.IsUnknown ? [PromptRotation.HomeQuestionDay] : []) ? 0 : 1;
        // The mood-word ask fades for a partner who gives one most nights and is back the evening after one came
        // without.
        var endings = year.Select(d => Ending(d.QuestionA.Body, catalog)).ToList();
        counts["mood-word asks that never faded"] = endings.Contains("none") && endings.Contains("short") ? 0 : 1;
        counts["mood-word asks not back after a night without one"] = Ending(year[NoMoodFrom + 1].QuestionA.Body, catalog) == "full" ? 0 : 1;

        var followThroughs = year.Count(FollowThrough);
        counts["years without a follow-through morning"] = followThroughs > 0 ? 0 : 1;
        var heavyDays = year.Where(d => Heavy(d.Date)).ToList();
        report.Add($"{setup.Name}: follow-through mornings {followThroughs}, listening/ritual check-in {string.Join(",", checkIns.Select(c => $"{c:yyyy-MM-dd}"))}, "
            + $"household question on day {string.Join(",", homeQuestions)}, heavy-week days {heavyDays.Count} (question depths {string.Join(" ", heavyDays.GroupBy(d => T(d.QuestionA)?.Depth).Select(g => $"{g.Key} {g.Count()}"))}), "
            + $"mood-word ask {string.Join(" ", endings.GroupBy(e => e).Select(g => $"{g.Key} {g.Count()}"))}, "
            + $"conditional ideas {year.Count(d => new[] { d.IdeaA, d.IdeaB }.Any(p => T(p)?.When is not null))}; "
            + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        return counts;
    }

    private static string Quote(List<Answered> answered, DateOnly night, string partner) =>
        answered.Single(a => a.Date == night && a.Partner == partner).Text.Split(',')[0][..12];

    private static string Ending(string body, PromptCatalog catalog) =>
        catalog.QuestionSuffixes.Any(body.EndsWith) ? "full" : catalog.ShortSuffixes.Any(body.EndsWith) ? "short" : "none";

    /// <summary>
    /// 365 local dates from the couple's first: both ideas and both questions, then the answers. Partner b skips every
    /// eleventh night; partner a gives heavy words through the heavy stretch; partner a's answer on the care night carries
    /// a care signal, and a's answers carry no mood word for a week in the summer.
    /// </summary>
    private static async Task<(Couple Couple, List<Day> Days, List<Answered> Answered)> YearAsync(TestApp app, string coupleId, Setup setup)
    {
        var rotation = app.Get<PromptRotation>();
        var store = app.Get<CoupleStore>();
        var couple = (await store.MutateAsync((await store.GetAsync(coupleId))!, c =>
        {
            c.Home = setup.Home;
            return true;
        }))!;
        var days = new List<Day>();
        var answered = new List<Answered>();
        for (var n = 0; n < 365; n++)
        {
            var date = couple.Epoch.AddDays(n);
            if (n == setup.SetOnDay)
            {
                var ritual = new Ritual(setup.Day, setup.Time, setup.What, date, Couple.PartnerA);
                couple = (await store.MutateAsync(couple, c =>
                {
                    if (setup.Listening) c.ListeningDate = ritual;
                    else c.Ritual = ritual;
                    return true;
                }))!;
            }
            var day = new Day(
                date,
                await rotation.ComposeAsync(couple, couple.A, Slot.Morning, date),
                await rotation.ComposeAsync(couple, couple.B, Slot.Morning, date),
                await rotation.ComposeAsync(couple, couple.A, Slot.Evening, date),
                await rotation.ComposeAsync(couple, couple.B, Slot.Evening, date));
            days.Add(day);
            foreach (var partner in new[] { "a", "b" })
            {
                if (partner == "b" && n % 11 == 3) continue;
                var heavy = partner == "a" && n is >= HeavyFrom and <= HeavyTo;
                string? mood = partner == "a" && n is >= NoMoodFrom and <= NoMoodTo ? null : heavy ? Unpleasant[n % 3] : Pleasant[n % 3];
                var care = partner == "a" && n == CareNight ? CareSignal.Distress : CareSignal.None;
                var text = Replies[(n + (partner == "a" ? 0 : 3)) % Replies.Length] + (mood is null ? "" : $", {mood}");
                answered.Add(new Answered(date, partner, text, mood, heavy, care));
                await app.StoreAnswerAsync(couple.Id, new AnswerRecord(date, partner, text)
                {
                    PromptId = day.QuestionA.Id,
                    Mood = mood,
                    MoodRecognized = mood is not null,
                    Care = care,
                    MessageSid = $"{partner}{n}",
                });
            }
        }
        return (couple, days, answered);
    }
}
