using HappyTogether.Content.Recap;
using HappyTogether.Foundation.Moods;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// A recap's nudge comes from its week's pool and from no other: the pools are read from nudges.json
/// by the test (<see cref="NudgePools"/>), and which kind of week each history is, is the test's own word.
/// </summary>
public class RecapNudgePoolTests
{
    private static readonly MoodLexicon Lexicon = MoodLexicon.Load();
    private static readonly Nudges Nudges = Nudges.Load();

    // Sunday 2027-01-10 ends the first week (Monday 4 to Sunday 10).
    private static readonly DateOnly FirstSunday = new(2027, 1, 10);

    private static readonly Couple AnaAndSam = new()
    {
        Id = "c0ffee",
        CreatedUtc = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        TimeZone = "America/Chicago",
        A = new Partner { Key = "a", Name = "Ana", Phone = "+13125550181", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
        B = new Partner { Key = "b", Name = "Sam", Phone = "+13125550182", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
    };

    /// <summary>A week's answers: (days back from Sunday, partner, mood word).</summary>
    private static readonly Dictionary<string, (int Back, string Partner, string Mood)[]> Weeks = new()
    {
        // Nobody answered.
        ["nobody answered"] = [],
        // Only Ana answered, three nights.
        ["only Ana answered"] = [(0, "a", "happy"), (2, "a", "calm"), (4, "a", "happy")],
        // Ana's words were mostly unpleasant, "stressed" the most; Sam answered the same nights, calm.
        ["Ana had a heavy week"] = [(0, "a", "stressed"), (2, "a", "sad"), (4, "a", "stressed"), (0, "b", "calm"), (2, "b", "calm"), (4, "b", "calm")],
        // Both answered six nights, in good spirits.
        ["both answered six nights"] = [.. Enumerable.Range(0, 6).SelectMany(back => new[] { (back, "a", "calm"), (back, "b", "happy") })],
        // Both answered two nights, in good spirits.
        ["both answered two nights"] = [(1, "a", "calm"), (1, "b", "happy"), (3, "a", "happy"), (3, "b", "calm")],
    };

    [Theory]
    [InlineData("nobody answered", "quiet", "quiet")]
    [InlineData("only Ana answered", "solo", "solo")]
    [InlineData("Ana had a heavy week", "heavy", "steady")]
    [InlineData("both answered six nights", "strong", "strong")]
    [InlineData("both answered two nights", "steady", "steady")]
    public void Each_partners_recap_carries_one_nudge_from_their_weeks_pool_and_none_from_another(string week, string anasPool, string samsPool)
    {
        // As many weeks running as the larger pool has lines, so every line of each pool takes its turn.
        var weeks = Math.Max(NudgePools.Pools[anasPool].Count, NudgePools.Pools[samsPool].Count);
        var seen = new Dictionary<string, HashSet<string>> { ["a"] = [], ["b"] = [] };
        for (var w = 0; w < weeks; w++)
        {
            var sunday = FirstSunday.AddDays(7 * w);
            var answers = Weeks[week].Select(a => new AnswerRecord(sunday.AddDays(-a.Back), a.Partner, $"{a.Mood} today")
            { Mood = a.Mood, MoodRecognized = true, MessageSid = $"SM{w}{a.Partner}{a.Back}" }).ToList();
            var recap = WeeklyRecap.Compute(AnaAndSam, sunday, answers, [], Answers.Streak(answers, sunday), Lexicon, Nudges);

            var toAna = NudgePools.Single(RecapText.Render(AnaAndSam, recap, "a", Nudges, careLink: null), anasPool);
            var toSam = NudgePools.Single(RecapText.Render(AnaAndSam, recap, "b", Nudges, careLink: null), samsPool);
            // A heavy week's line names the recipient's most frequent unpleasant word.
            Assert.Equal(anasPool == "heavy" ? "stressed" : null, toAna.Word);
            seen["a"].Add(toAna.Id);
            seen["b"].Add(toSam.Id);
        }
        Assert.Equal(NudgePools.Pools[anasPool].Count, seen["a"].Count);
        Assert.Equal(NudgePools.Pools[samsPool].Count, seen["b"].Count);
    }

    [Fact]
    public void The_pools_the_test_reads_are_the_five_kinds_of_week_each_with_lines()
    {
        Assert.Equal(["heavy", "quiet", "solo", "steady", "strong"], NudgePools.Pools.Keys.Order());
        Assert.All(NudgePools.Pools.Values, pool => Assert.True(pool.Count >= 10));
    }
}
