using HappyTogether.Content.Recap;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Domain;

/// <summary>Weekly recaps computed and written from fixed histories.</summary>
public class RecapTests(ITestOutputHelper output)
{
    private static readonly MoodLexicon Lexicon = MoodLexicon.Load();
    private static readonly Nudges Nudges = Nudges.Load();
    private const string CareLink = "https://example.org/find-a-counsellor";

    // Sunday 2027-01-10: the week is Monday 4 to Sunday 10.
    private static readonly DateOnly Sunday = new(2027, 1, 10);

    private static Couple Couple(string nameA = "Ana", string nameB = "Sam") => new()
    {
        Id = "c0ffee",
        CreatedUtc = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        TimeZone = "America/Chicago",
        A = new Partner { Key = "a", Name = nameA, Phone = "+13125550181", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
        B = new Partner { Key = "b", Name = nameB, Phone = "+13125550182", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
    };

    private static AnswerRecord Answer(DateOnly date, string partner, string mood, bool recognized = true) =>
        new(date, partner, $"answer with {mood}") { Mood = mood, MoodRecognized = recognized, MessageSid = Guid.NewGuid().ToString("N") };

    /// <summary>Answers on the given days back from <paramref name="end"/> (0 = that day) with the given words in
    /// turn.</summary>
    private static IEnumerable<AnswerRecord> Week(DateOnly end, string partner, IEnumerable<int> daysBack, params string[] moods) =>
        daysBack.Select((back, i) => Answer(end.AddDays(-back), partner, moods[i % moods.Length]));

    private static (CoupleRecap Recap, string ToA, string ToB) Recap(Couple couple, IEnumerable<AnswerRecord> answers, IEnumerable<(DateOnly, string)>? done = null, DateOnly? end = null)
    {
        var list = answers.ToList();
        var recap = WeeklyRecap.Compute(couple, end ?? Sunday, list, (done ?? []).ToList(), Answers.Streak(list, end ?? Sunday), Lexicon, Nudges);
        var toA = RecapText.Render(couple, recap, "a", Nudges, CareLink);
        var toB = RecapText.Render(couple, recap, "b", Nudges, CareLink);
        foreach (var text in new[] { toA, toB })
        {
            Assert.True(Gsm7.IsBasic(text), text);
            Assert.True(Gsm7.Septets(text) <= RecapText.Budget, $"{text.Length}: {text}");
        }
        return (recap, toA, toB);
    }

    [Fact]
    public void A_good_week_lists_both_partners_words_by_frequency_with_check_ins_streak_done_and_a_celebration()
    {
        var answers = Week(Sunday, "a", [0, 1, 2, 3, 4, 5], "calm", "happy", "calm", "tired", "calm", "happy")
            .Concat(Week(Sunday, "b", [0, 1, 2, 3, 4, 6], "happy", "grateful", "happy", "relaxed", "happy", "happy"))
            .Concat(Week(Sunday.AddDays(-7), "a", [0, 1, 2], "tired", "stressed", "tired"));
        var (recap, toA, toB) = Recap(Couple(), answers, [(Sunday.AddDays(-2), "a"), (Sunday.AddDays(-4), "a"), (Sunday, "b")]);
        output.WriteLine($"Good week, to Ana ({toA.Length} chars):\n{toA}\n");

        Assert.Equal((5, 5), (recap.NightsBoth, recap.Streak));
        Assert.Equal(["calm", "happy", "tired"], recap["a"].Words.Select(w => w.Word));
        Assert.Equal([3, 2, 1], recap["a"].Words.Select(w => w.Count));
        Assert.Equal(Quadrant.Green, recap["a"].Words[0].Quadrant);
        Assert.Equal(WeeklyRecap.Brighter, recap["a"].Trend);
        Assert.Equal(Situation.Strong, recap["a"].Situation);
        // Equal counts keep the order they were first used in the week.
        // The other's words come from the five nights both answered (Sam's Monday "happy" and Ana's Tuesday "happy"
        // stay out).
        Assert.StartsWith("You both answered 5 nights this week, 5 in a row. You: calm x3, happy x2, tired. Sam: happy x3, relaxed, grateful. Ideas done: 2. Your mood: brighter than last week.", toA);
        Assert.Contains("You: happy x4, relaxed, grateful. Ana: calm x3, tired, happy.", toB);
        Assert.Contains("Ideas done: 1.", toB);
        Assert.Null(recap["b"].Trend);
    }

    [Fact]
    public void A_heavy_week_names_the_most_frequent_unpleasant_word_and_after_three_such_weeks_points_to_a_counsellor()
    {
        var heavy = new[] { "stressed", "tired", "stressed", "anxious" };
        var answers = Week(Sunday, "a", [0, 1, 3, 5], heavy)
            .Concat(Week(Sunday.AddDays(-7), "a", [0, 2, 4], heavy))
            .Concat(Week(Sunday.AddDays(-14), "a", [1, 2, 3], heavy))
            .Concat(Week(Sunday, "b", [0, 3], "calm"));
        var (recap, toA, _) = Recap(Couple(), answers);
        output.WriteLine($"Heavy week, to Ana ({toA.Length} chars):\n{toA}\n");

        Assert.Equal(Situation.Heavy, recap["a"].Situation);
        Assert.Equal("stressed", recap["a"].NudgeWord);
        Assert.Contains("You: stressed x2", toA);
        Assert.True(recap["a"].Care);
        Assert.EndsWith($"{Nudges.Care} {CareLink}", toA);
        // In a care week the care line speaks for the nudge, which gives way first; without it the nudge names the word.
        var noCare = recap with { Partners = [recap["a"] with { Care = false }, recap["b"]] };
        Assert.Contains("\"stressed\"", RecapText.Render(Couple(), noCare, "a", Nudges, CareLink));
        Assert.False(recap["b"].Care);
        Assert.Equal(WeeklyRecap.Steady, recap["a"].Trend);
    }

    [Fact]
    public void A_week_with_a_distress_text_names_the_crisis_line_and_never_the_heavy_week_nudge()
    {
        var heavy = new[] { "hopeless", "sad", "hopeless" };
        var answers = Week(Sunday, "a", [0, 2, 4], heavy).Select((a, i) => i == 1 ? a with { Care = CareSignal.Distress } : a)
            .Concat(Week(Sunday, "b", [0, 3], "calm")).ToList();
        var recap = WeeklyRecap.Compute(Couple(), Sunday, answers, [], 0, Lexicon, Nudges, care: answers.Where(a => a.Care != CareSignal.None).ToList());
        const string Crisis = "If things feel too heavy, you can call or text 988 any time, day or night.";
        var toA = RecapText.Render(Couple(), recap, "a", Nudges, CareLink, crisisLine: Crisis);

        Assert.True(recap["a"].Crisis && recap["a"].Care);
        Assert.NotEqual(Situation.Heavy, recap["a"].Situation);
        Assert.Contains(Crisis, toA);
        Assert.DoesNotContain(Nudges.Care, toA);
        Assert.DoesNotContain("\"hopeless\"", toA);
        // Sam's recap says nothing of it.
        Assert.False(recap["b"].Crisis);
        Assert.DoesNotContain("988", RecapText.Render(Couple(), recap, "b", Nudges, CareLink, crisisLine: Crisis));
    }

    [Fact]
    public void A_week_with_a_text_that_signals_fear_of_the_partner_never_suggests_couples_counseling()
    {
        var answers = Enumerable.Range(0, 3).SelectMany(w => Week(Sunday.AddDays(-7 * w), "a", [0, 2, 4], "sad", "lonely", "sad")).ToList();
        var fear = new AnswerRecord(Sunday.AddDays(-1), "a", "a note") { Kind = AnswerRecord.NoteKind, Care = CareSignal.Safety, MessageSid = "SMfear" };
        var withFear = WeeklyRecap.Compute(Couple(), Sunday, answers, [], 0, Lexicon, Nudges, care: [fear]);
        var without = WeeklyRecap.Compute(Couple(), Sunday, answers, [], 0, Lexicon, Nudges, care: []);
        Assert.True(without["a"].Care);
        Assert.False(withFear["a"].Care);
        Assert.DoesNotContain("counselor", RecapText.Render(Couple(), withFear, "a", Nudges, CareLink));
    }

    [Theory]
    [InlineData(2, null, false)]
    [InlineData(3, null, true)]
    [InlineData(3, 21, false)]
    [InlineData(3, 27, false)]
    [InlineData(3, 28, true)]
    [InlineData(3, 0, true)]
    public void The_care_line_needs_three_heavy_weeks_running_and_waits_four_weeks_after_it_was_shown(int heavyWeeks, int? shownDaysAgo, bool care)
    {
        var couple = Couple();
        couple.A.CareShownOn = shownDaysAgo is { } days ? Sunday.AddDays(-days) : null;
        var answers = Enumerable.Range(0, heavyWeeks).SelectMany(w => Week(Sunday.AddDays(-7 * w), "a", [0, 2, 4], "sad", "lonely", "sad"));
        var (recap, toA, _) = Recap(couple, answers);
        Assert.Equal(care, recap["a"].Care);
        Assert.Equal(care, toA.Contains(CareLink));
    }

    [Fact]
    public void The_care_line_is_on_without_a_link_and_carries_the_link_when_one_is_set()
    {
        var couple = Couple();
        var answers = Enumerable.Range(0, 3).SelectMany(w => Week(Sunday.AddDays(-7 * w), "a", [0, 2, 4], "sad", "lonely", "sad")).ToList();
        var recap = WeeklyRecap.Compute(couple, Sunday, answers, [], 0, Lexicon, Nudges);
        var plain = RecapText.Render(couple, recap, "a", Nudges, careLink: null);
        Assert.EndsWith(Nudges.Care, plain);
        Assert.DoesNotContain("http", plain);
        Assert.EndsWith($"{Nudges.Care} {CareLink}", RecapText.Render(couple, recap, "a", Nudges, CareLink));
    }

    [Fact]
    public void Two_tired_nights_alone_are_not_a_heavy_week()
    {
        var (recap, _, _) = Recap(Couple(), Week(Sunday, "a", [0, 3], "tired").Concat(Week(Sunday, "b", [0, 3], "happy")));
        Assert.NotEqual(Situation.Heavy, recap["a"].Situation);
        var (heavy, _, _) = Recap(Couple(), Week(Sunday, "a", [0, 2, 4], "sad", "stressed", "lonely").Concat(Week(Sunday, "b", [0, 2, 4], "happy")));
        Assert.Equal(Situation.Heavy, heavy["a"].Situation);
    }

    [Fact]
    public void A_quiet_week_suggests_a_low_pressure_restart()
    {
        var (recap, toA, toB) = Recap(Couple(), []);
        output.WriteLine($"Quiet week, to Ana ({toA.Length} chars):\n{toA}\n");
        Assert.Equal((0, 0), (recap.NightsBoth, recap.Streak));
        Assert.All(recap.Partners, p => Assert.Equal(Situation.Quiet, p.Situation));
        // One kind line and the nudge, not a list of what did not happen.
        Assert.Equal($"A quiet week for you two. {Nudges.All.Single(n => n.Id == recap["a"].NudgeId).Text}", toA);
        Assert.DoesNotContain("no mood words", toB);
        // No score for a quiet week.
        Assert.DoesNotContain("/7", toA);
        Assert.DoesNotContain("0 nights", toA);
        Assert.DoesNotContain("streak", toA, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(recap["a"].NudgeId, recap["b"].NudgeId);
    }

    [Fact]
    public void One_partner_only_gets_the_solo_nudge_for_both()
    {
        var (recap, toA, toB) = Recap(Couple(), Week(Sunday, "a", [0, 1, 2], "happy"));
        Assert.All(recap.Partners, p => Assert.Equal(Situation.Solo, p.Situation));
        Assert.Equal(0, recap.NightsBoth);
        // Ana reads her own nights and words, and nothing about what Sam did not do.
        Assert.StartsWith("You answered 3 nights this week. You: happy x3. ", toA);
        Assert.DoesNotContain("Sam", toA);
        // Sam answered no night, so Ana's words stay hers (the reveal rule holds in the recap too): one kind line.
        Assert.Equal($"A quiet week for you. {Nudges.All.Single(n => n.Id == recap["b"].NudgeId).Text}", toB);
    }

    [Fact]
    public void Share_off_hides_that_partners_words_from_the_other_only()
    {
        var couple = Couple();
        couple.B.ShareOff = true;
        var (_, toA, toB) = Recap(couple, Week(Sunday, "a", [0, 1], "happy").Concat(Week(Sunday, "b", [0, 1], "grumpy")));
        Assert.DoesNotContain("grumpy", toA);
        Assert.Contains("You: grumpy x2.", toB);
        Assert.Contains("Ana: happy x2.", toB);
    }

    [Fact]
    public void Unrecognized_words_are_counted_but_not_listed()
    {
        var answers = new[] { Answer(Sunday, "a", "pizza", recognized: false), Answer(Sunday.AddDays(-1), "a", "blorp", recognized: false), Answer(Sunday.AddDays(-2), "a", "calm") };
        var (recap, toA, _) = Recap(Couple(), answers);
        Assert.Equal(2, recap["a"].Unrecognized);
        Assert.Equal(3, recap["a"].NightsAnswered);
        Assert.Contains("You: calm.", toA);
        Assert.DoesNotContain("pizza", toA);
    }

    [Fact]
    public void The_week_is_seven_local_days_ending_on_the_recap_date()
    {
        var answers = new[] { Answer(Sunday.AddDays(-7), "a", "angry"), Answer(Sunday.AddDays(-6), "a", "calm"), Answer(Sunday.AddDays(1), "a", "sad") };
        var (recap, _, _) = Recap(Couple(), answers);
        Assert.Equal((new DateOnly(2027, 1, 4), Sunday), (recap.From, recap.To));
        Assert.Equal(["calm"], recap["a"].Words.Select(w => w.Word));
    }

    [Fact]
    public void Long_names_and_many_words_fit_two_segments_by_cutting_the_rarest_words()
    {
        var many = new[] { "happy", "calm", "tired", "excited", "grateful", "anxious", "relaxed", "content", "lonely", "cheerful", "hopeful", "bored", "proud", "nervous" };
        var answers = Week(Sunday, "a", Enumerable.Range(0, 7), many).Concat(Week(Sunday, "a", [0, 1], "happy"))
            .Concat(many.Skip(7).Select((m, i) => Answer(Sunday.AddDays(-i), "a", m)))
            .Concat(Week(Sunday, "b", Enumerable.Range(0, 7), many.Reverse().ToArray()))
            .Concat(many.Take(7).Select((m, i) => Answer(Sunday.AddDays(-i), "b", m)));
        var couple = Couple("Maximiliana-Josefine", "Bartholomew-Alexandr");
        var (recap, toA, _) = Recap(couple, answers);
        output.WriteLine($"Budget, to Maximiliana ({Gsm7.Septets(toA)} septets):\n{toA}\n");

        Assert.Equal(2, Gsm7.Segments(toA));
        Assert.Matches(@"You: happy x3, [^.]*\+\d+ more\.", toA);
        Assert.Matches(@"Bartholomew-Alexandr: [^.]*\+\d+ more\.", toA);
        Assert.Contains(Nudges.All.Single(n => n.Id == recap["a"].NudgeId).Text.Split(' ')[0], toA);
        Assert.True(recap["a"].Words.Count > 10);
    }

    /// <summary>A URL of exactly <paramref name="length"/> characters.</summary>
    private static string Url(int length) => "https://" + new string('u', length - 8);

    private static string WeekLink(int baseUrlLength) =>
        new SignedLinks(Options.Create(new HappyTogetherOptions { PublicBaseUrl = Url(baseUrlLength) }), new FakeTimeProvider(new DateTimeOffset(2027, 1, 11, 1, 0, 0, TimeSpan.Zero)))
            .WeekUrl("0123456789abcdef", "a", Sunday)!;

    [Fact]
    public void The_week_link_comes_last_after_everything_else_when_there_is_room()
    {
        var answers = Week(Sunday, "a", [0, 1, 2], "calm", "happy").Concat(Week(Sunday, "b", [0, 1], "happy"));
        var couple = Couple();
        var recap = WeeklyRecap.Compute(couple, Sunday, answers.ToList(), [], 2, Lexicon, Nudges);
        var link = WeekLink(44);
        Assert.Equal(RecapText.Render(couple, recap, "a", Nudges, CareLink) + " " + link, RecapText.Render(couple, recap, "a", Nudges, CareLink, link));
        Assert.Equal(44 + "/api/w?".Length + SignedLinks.TokenLength, link.Length);
    }

    /// <summary>
    /// The fullest weeks: 20-character names, many words each, a streak, an appreciation, ideas done,
    /// a trend, every nudge with or without the care line and its link, and the week's link on a long
    /// base URL, up to the longest the settings allow together.
    /// </summary>
    [Theory]
    [InlineData(RecapText.MaxBaseUrlLength, RecapText.MaxLinkSettingsLength - RecapText.MaxBaseUrlLength)]
    [InlineData(44, 63)]
    [InlineData(60, 0)]
    [InlineData(RecapText.MaxBaseUrlLength, 0)]
    public void The_week_link_always_ends_the_recap_within_two_segments_or_three_with_the_care_line(int baseUrlLength, int careUrlLength)
    {
        Assert.True(baseUrlLength <= RecapText.MaxBaseUrlLength && baseUrlLength + careUrlLength <= RecapText.MaxLinkSettingsLength);
        var many = new[] { "happy", "calm", "tired", "excited", "grateful", "anxious", "relaxed", "content", "lonely", "cheerful", "hopeful", "bored", "proud", "nervous" };
        var answers = Week(Sunday, "a", Enumerable.Range(0, 7), many).Concat(Week(Sunday, "b", Enumerable.Range(0, 7), many.Reverse().ToArray()))
            .Concat(Week(Sunday.AddDays(-7), "a", Enumerable.Range(0, 7), "sad")).ToList();
        var couple = Couple("Maximiliana-Josefine", "Bartholomew-Alexandr");
        var week = WeeklyRecap.Compute(couple, Sunday, answers, [(Sunday, "a"), (Sunday.AddDays(-1), "a")], 12, Lexicon, Nudges) with { BothAppreciated = true };
        var link = WeekLink(baseUrlLength);
        var careLink = careUrlLength == 0 ? null : Url(careUrlLength);

        foreach (var nudge in Nudges.All)
            foreach (var care in new[] { false, true })
            {
                var recap = week with { Partners = [week["a"] with { NudgeId = nudge.Id, NudgeWord = "overwhelmed", Care = care }, week["b"]] };
                var text = RecapText.Render(couple, recap, "a", Nudges, careLink, link);
                if (nudge == Nudges.All[0]) output.WriteLine($"{(care ? "Care" : "Nudge")} week, to Maximiliana ({Gsm7.Septets(text)} septets):\n{text}\n");
                Assert.True(Gsm7.IsBasic(text), text);
                Assert.True(Gsm7.Septets(text) <= (care ? 3 * 153 : RecapText.Budget), $"{Gsm7.Septets(text)}: {text}");
                Assert.EndsWith(" " + link, text);
                Assert.StartsWith("You both answered 7 nights this week", text);
                Assert.Contains("You: relaxed, anxious, grateful", text);
                Assert.Contains("Bartholomew-Alexandr: content, lonely, cheerful", text);
                if (care) Assert.Contains(careLink is null ? Nudges.Care : $"{Nudges.Care} {careLink}", text);
            }
    }

    [Theory]
    [InlineData(60, 48)]
    [InlineData(RecapText.MaxBaseUrlLength + 1, 0)]
    public void Settings_whose_links_would_crowd_the_recap_out_of_two_segments_are_refused(int baseUrlLength, int careUrlLength)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["PublicBaseUrl"] = Url(baseUrlLength),
            ["CareResourceUrl"] = careUrlLength == 0 ? null : Url(careUrlLength),
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddHappyTogether(configuration).BuildServiceProvider();
        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HappyTogetherOptions>>().Value);
        Assert.Contains(careUrlLength == 0 ? "Keep PublicBaseUrl to" : "PublicBaseUrl and CareResourceUrl", refused.Message);
    }

    [Fact]
    public void Nudges_take_turns_week_by_week()
    {
        var ids = Enumerable.Range(0, 6).Select(w => WeeklyRecap.Compute(Couple(), Sunday.AddDays(7 * w), [], [], 0, Lexicon, Nudges)["a"].NudgeId).ToList();
        Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void Every_nudge_and_the_care_line_are_GSM7_and_short()
    {
        Assert.All(Nudges.All, n =>
        {
            var text = n.Text.Replace(Nudges.WordPlaceholder, "overwhelmed");
            Assert.True(Gsm7.IsBasic(text) && text.Length <= 110, n.Id);
            Assert.Equal(n.Situation == Situation.Heavy, n.Text.Contains(Nudges.WordPlaceholder));
        });
        foreach (var situation in new[] { Situation.Quiet, Situation.Solo, Situation.Heavy, Situation.Strong, Situation.Steady })
            Assert.True(Nudges.All.Count(n => n.Situation == situation) >= 10, situation);
        Assert.True(Gsm7.IsBasic(Nudges.Care) && Nudges.Care.Length <= RecapText.CareLineLength && !Nudges.Care.Contains('{'), Nudges.Care);
    }
}

/// <summary>The recap keeps the reveal rule: a partner reads the other's mood words only from nights both
/// answered.</summary>
public class RecapRevealRuleTests
{
    private static readonly DateOnly Sunday = new(2027, 1, 10);

    [Fact]
    public void The_other_partners_words_come_only_from_nights_both_answered()
    {
        var couple = new Couple
        {
            Id = "c0ffee",
            CreatedUtc = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
            TimeZone = "America/Chicago",
            A = new Partner { Key = "a", Name = "Ana", Phone = "+13125550181", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
            B = new Partner { Key = "b", Name = "Sam", Phone = "+13125550182", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
        };
        AnswerRecord Answer(int back, string partner, string mood) =>
            new(Sunday.AddDays(-back), partner, $"answer with {mood}") { Mood = mood, MoodRecognized = true, MessageSid = $"SM{back}{partner}" };
        // Ana answered Monday only; Sam answered Monday (joyful) and Tuesday (anxious), a night Ana never saw.
        List<AnswerRecord> answers = [Answer(6, "a", "calm"), Answer(6, "b", "joyful"), Answer(5, "b", "anxious")];
        var lexicon = MoodLexicon.Load();
        var nudges = Nudges.Load();
        var recap = WeeklyRecap.Compute(couple, Sunday, answers, [], Answers.Streak(answers, Sunday), lexicon, nudges);
        var toAna = RecapText.Render(couple, recap, "a", nudges, null);
        Assert.Contains("joyful", toAna);
        Assert.DoesNotContain("anxious", toAna);
        // Sam's own recap names his own words, both nights.
        var toSam = RecapText.Render(couple, recap, "b", nudges, null);
        Assert.Contains("anxious", toSam);
        Assert.Contains("calm", toSam);

        // A week in which they never answered the same night: Ana reads none of Sam's words, and no claim that he had
        // none.
        List<AnswerRecord> apart = [Answer(6, "a", "calm"), Answer(5, "b", "anxious")];
        var lonely = RecapText.Render(couple, WeeklyRecap.Compute(couple, Sunday, apart, [], 0, lexicon, nudges), "a", nudges, null);
        Assert.DoesNotContain("anxious", lonely);
        Assert.DoesNotContain("Sam: no mood words", lonely);
    }
}
