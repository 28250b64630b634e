using HappyTogether.Content.Prompts;

namespace HappyTogether.Tests.Domain;

/// <summary>The rotation's rules on made-up catalogs, where each rule can be seen alone.</summary>
public class PromptRotationTests
{
    private static readonly DateOnly Monday = new(2027, 1, 4);

    private static List<Prompt> Catalog(int light, int warm, int deep, Func<int, Prompt, Prompt>? shape = null) =>
        [.. new[] { (Depth.Light, light), (Depth.Warm, warm), (Depth.Deep, deep) }
            .SelectMany(d => Enumerable.Range(0, d.Item2).Select(i => new Prompt($"{d.Item1}{i:D3}", Prompt.Question, ["t"], $"{d.Item1} {i}?") { Depth = d.Item1 }))
            .Select((p, i) => shape?.Invoke(i, p) ?? p)];

    /// <summary>Runs the choice day by day as the stored rotation would, from day 0.</summary>
    private static List<Prompt> Run(IReadOnlyList<Prompt> prompts, int days, Func<int, bool>? lighter = null, bool apart = false)
    {
        var picks = new List<Pick>();
        var chosen = new List<Prompt>();
        for (var day = 0; day < days; day++)
        {
            var date = Monday.AddDays(day);
            var prompt = PromptChoice.Choose(prompts, date, new RotationContext(day, apart, lighter?.Invoke(day) ?? false, picks), (ulong)(day * 7919 + 13));
            picks.Add(new Pick(date.DayNumber, Pick.Both, prompt.Id));
            chosen.Add(prompt);
        }
        return chosen;
    }

    [Fact]
    public void Nothing_repeats_within_a_year_while_the_catalog_has_enough()
    {
        var year = Run(Catalog(200, 130, 70), 365);
        Assert.Equal(365, year.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Depth_starts_light_rises_to_warm_and_then_mixes_with_never_three_deep_in_a_row()
    {
        var days = Run(Catalog(200, 130, 70), 200);
        Assert.All(days.Take(PromptChoice.LightDays), p => Assert.Equal(Depth.Light, p.Depth));
        Assert.All(days.Take(PromptChoice.WarmDays), p => Assert.NotEqual(Depth.Deep, p.Depth));
        Assert.Contains(days.Skip(PromptChoice.LightDays).Take(PromptChoice.WarmDays - PromptChoice.LightDays), p => p.Depth == Depth.Warm);
        Assert.Contains(days.Skip(PromptChoice.WarmDays), p => p.Depth == Depth.Deep);
        for (var i = 2; i < days.Count; i++)
            Assert.False(days[i - 2].Depth == Depth.Deep && days[i - 1].Depth == Depth.Deep && days[i].Depth == Depth.Deep, $"three deep in a row ending day {i}");
    }

    [Fact]
    public void After_a_missed_night_the_question_is_light()
    {
        var days = Run(Catalog(200, 130, 70), 150, lighter: day => day % 5 == 0);
        Assert.All(days.Where((_, day) => day % 5 == 0), p => Assert.Equal(Depth.Light, p.Depth));
    }

    [Fact]
    public void Calendar_words_hold_on_the_date()
    {
        var weekend = new HashSet<DayOfWeek> { DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday };
        var prompts = Catalog(400, 0, 0, (i, p) => (i % 4) switch { 0 => p with { Days = weekend }, 1 => p with { LatestDay = 25 }, 2 => p with { Months = new HashSet<int> { 12, 1, 2 } }, _ => p });
        // 120 days from Monday 4 January 2027, to 3 May: the winter prompts' months end on the way.
        var days = Run(prompts, 120);

        // The test's own reading of the rules it gave, by each prompt's place in the catalog (its id "Light<n>"), not
        // Prompt.FitsOn.
        static bool Fits(string id, DateOnly date) => (int.Parse(id["Light".Length..]) % 4) switch
        {
            0 => date.DayOfWeek is DayOfWeek.Thursday or DayOfWeek.Friday or DayOfWeek.Saturday,
            1 => date.Day <= 25,
            2 => date.Month is 12 or 1 or 2,
            _ => true,
        };
        Assert.All(days.Select((p, day) => (p, Date: Monday.AddDays(day))), d => Assert.True(Fits(d.p.Id, d.Date), $"{d.p.Id} on {d.Date}"));
        // Each rule was met, not merely never met: every kind of rule was picked on some day.
        Assert.Equal([0, 1, 2, 3], days.Select(p => int.Parse(p.Id["Light".Length..]) % 4).Distinct().Order());
    }

    [Fact]
    public void A_couple_apart_never_gets_an_idea_that_needs_them_in_one_place()
    {
        var prompts = Catalog(200, 0, 0, (i, p) => p with { Kind = Prompt.Gesture, Setting = i % 2 == 0 ? Setting.Together : Setting.Either });
        // Fewer fitting ideas than days: the rotation repeats before it breaks the rule.
        Assert.All(Run(prompts, 150, apart: true), p => Assert.NotEqual(Setting.Together, p.Setting));
    }

    [Fact]
    public void A_retry_with_the_same_state_picks_the_same_prompt()
    {
        var prompts = Catalog(50, 30, 20);
        var context = new RotationContext(40, false, false, []);
        Assert.Equal(PromptChoice.Choose(prompts, Monday, context, 42).Id, PromptChoice.Choose(prompts, Monday, context, 42).Id);
    }
}
