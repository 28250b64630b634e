using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Integration;

/// <summary>A year of mornings and evenings for three couples through the real rotation and its stored log on
/// Azurite.</summary>
public class RotationYearTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 15, 0, 0, TimeSpan.Zero);

    private sealed record Day(DateOnly Date, Prompt IdeaA, Prompt IdeaB, Prompt Question, bool Lighter, string BodyA, string BodyB);

    [Fact]
    public async Task A_year_for_three_couples_has_no_repeat_no_together_idea_apart_no_shared_one_sided_idea_and_no_calendar_slip()
    {
        await using var app = await TestApp.StartAsync(Start);
        var couples = new[]
        {
            await app.EnrollOptedInAsync("+13125550181", "+13125550182"),
            await app.EnrollOptedInAsync("+12125550183", "+12125550184"),
            // Long-distance: London and Los Angeles, eight hours apart.
            await app.EnrollAsync(phoneA: "+447911123456", phoneB: "+13105550185", timeZone: "Europe/London", zoneB: "America/Los_Angeles"),
        };
        await Joined.BothAsync(app.Get<CoupleStore>(), app.Get<HappyTogether.Lifecycle.Consent.ConsentService>(), couples[2], "test:YES");
        var zones = await Task.WhenAll(couples.Select(c => app.Get<CoupleStore>().GetAsync(c.Id)));
        var years = await Task.WhenAll(zones.Select(c => YearAsync(app, c!)));

        var catalog = app.Get<PromptRotation>().Catalog;
        var report = new List<string>();
        var counts = new List<(int, int, int, int, int, int, int, int)>();
        for (var i = 0; i < couples.Length; i++)
        {
            var couple = zones[i]!;
            var year = years[i];
            var ideas = year.SelectMany(d => d.IdeaA.Id == d.IdeaB.Id ? new[] { d.IdeaA.Id } : [d.IdeaA.Id, d.IdeaB.Id]).ToList();
            var questions = year.Select(d => d.Question.Id).ToList();
            var ideaRepeats = ideas.Count - ideas.Distinct().Count();
            var questionRepeats = questions.Count - questions.Distinct().Count();
            var togetherApart = couple.IsApartOn(year[0].Date) ? year.Count(d => d.IdeaA.Setting == Setting.Together || d.IdeaB.Setting == Setting.Together) : 0;
            var sharedOneSided = year.Count(d => d.IdeaA.Id == d.IdeaB.Id && d.IdeaA.OneSided);
            // Judged by the test's own reading of the file and the texts' words, not by the product's Prompt.FitsOn.
            var calendar = year.Count(d => !PromptCalendar.Fits(d.IdeaA.Id, d.Date) || !PromptCalendar.Fits(d.IdeaB.Id, d.Date) || !PromptCalendar.Fits(d.Question.Id, d.Date));
            // And the rules were met, not merely never met: the year did pick prompts that have one.
            Assert.Contains(year, d => PromptCalendar.HasRule(d.IdeaA.Id) || PromptCalendar.HasRule(d.IdeaB.Id) || PromptCalendar.HasRule(d.Question.Id));
            var notOneSegment = year.Count(d => !Gsm7.IsBasic(d.BodyA) || !Gsm7.IsBasic(d.BodyB) || Gsm7.Segments(d.BodyA) > 1 || Gsm7.Segments(d.BodyB) > 1);
            var deepRuns = year.Where((d, j) => j >= 2 && year[j - 2].Question.Depth == Depth.Deep && year[j - 1].Question.Depth == Depth.Deep && d.Question.Depth == Depth.Deep).Count();
            var heavyAfterMiss = year.Count(d => d.Lighter && d.Question.Depth != Depth.Light);
            report.Add($"couple {i} ({couple.A.TimeZone} / {couple.B.TimeZone}): idea repeats {ideaRepeats}, question repeats {questionRepeats}, together ideas while apart {togetherApart}, "
                + $"one-sided ideas to both {sharedOneSided}, calendar slips {calendar}, not one GSM-7 segment {notOneSegment}, three deep in a row {deepRuns}, non-light after a missed night {heavyAfterMiss}; "
                + $"question depths {string.Join(", ", year.GroupBy(d => d.Question.Depth).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
            counts.Add((ideaRepeats, questionRepeats, togetherApart, sharedOneSided, calendar, notOneSegment, deepRuns, heavyAfterMiss));
        }
        foreach (var line in report) output.WriteLine(line);
        var apart = years[2];
        foreach (var d in apart.Where((_, j) => j % 36 == 5).Take(10))
            output.WriteLine($"{d.Date:ddd yyyy-MM-dd}: London gets \"{d.BodyA}\" / Los Angeles gets \"{d.BodyB}\" / question \"{d.Question.Text}\"");
        output.WriteLine($"catalog: {catalog.Questions.Count} questions, {catalog.Gestures.Count} ideas");
        Assert.All(counts, c => Assert.Equal((0, 0, 0, 0, 0, 0, 0, 0), c));
    }

    /// <summary>365 local dates from the couple's first: both ideas and the question; the partners skip a night now and
    /// then.</summary>
    private static async Task<List<Day>> YearAsync(TestApp app, Couple couple)
    {
        var rotation = app.Get<PromptRotation>();
        var answers = app.Get<Answers>();
        var days = new List<Day>();
        var previousMissed = false;
        for (var n = 0; n < 365; n++)
        {
            var date = couple.Epoch.AddDays(n);
            var (ideaA, bodyA) = await rotation.ComposeAsync(couple, couple.A, Slot.Morning, date);
            var (ideaB, bodyB) = await rotation.ComposeAsync(couple, couple.B, Slot.Morning, date);
            var (question, evening) = await rotation.ComposeAsync(couple, couple.A, Slot.Evening, date);
            Assert.Equal(question.Id, (await rotation.ComposeAsync(couple, couple.B, Slot.Evening, date)).Prompt.Id);
            Assert.Equal(evening, (await rotation.ComposeAsync(couple, couple.A, Slot.Evening, date)).Body);
            days.Add(new Day(date, ideaA, ideaB, question, previousMissed && n > 0, bodyA, bodyB));
            // Every eleventh night Sam does not answer.
            previousMissed = n % 11 == 3;
            await answers.TryAddAsync(couple.Id, new AnswerRecord(date, "a", "x") { PromptId = question.Id, MessageSid = $"a{n}" });
            if (!previousMissed) await answers.TryAddAsync(couple.Id, new AnswerRecord(date, "b", "x") { PromptId = question.Id, MessageSid = $"b{n}" });
        }
        return days;
    }
}
