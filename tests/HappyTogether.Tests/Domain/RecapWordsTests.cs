using System.Text.Json;
using CsCheck;
using HappyTogether.Content.Recap;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// The recap names the week: both partners' top words always, a quiet week in one kind line, and the reveal rule for
/// withheld answers.
/// </summary>
public class RecapWordsTests(ITestOutputHelper output)
{
    private static readonly MoodLexicon Lexicon = MoodLexicon.Load();
    private static readonly Nudges Nudges = Nudges.Load();
    private static readonly DateOnly Sunday = new(2027, 1, 10);
    private const ulong SeedBase = 20270110;

    /// <summary>The longest week link the settings allow, and the longest care link beside it.</summary>
    private static readonly string WeekLink = "https://" + new string('h', RecapText.MaxBaseUrlLength - 8) + SignedLinks.WeekPath + "?" + new string('t', SignedLinks.TokenLength);

    private static readonly string CareLink = "https://" + new string('c', RecapText.MaxLinkSettingsLength - RecapText.MaxBaseUrlLength - 8);

    private static Couple Couple(string nameA = "Ana", string nameB = "Sam") => new()
    {
        Id = "0123456789abcdef",
        CreatedUtc = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        TimeZone = "America/Chicago",
        A = new Partner { Key = "a", Name = nameA, Phone = "+13125550181", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
        B = new Partner { Key = "b", Name = nameB, Phone = "+13125550182", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
    };

    private static AnswerRecord Answer(int back, string partner, string? mood, CareSignal care = CareSignal.None) =>
        new(Sunday.AddDays(-back), partner, $"answer {back}") { Mood = mood, MoodRecognized = mood is not null, Care = care, MessageSid = $"SM{partner}{back}" };

    private static string Nudge(PartnerRecap side) => Nudges.All.Single(n => n.Id == side.NudgeId).Text.Replace(Nudges.WordPlaceholder, side.NudgeWord, StringComparison.Ordinal);

    /// <summary>A strong week as the generator makes it: the nights both answered (days back), each partner's word for
    /// each of those nights, their names, and whether the recipient's recap carries the care line.</summary>
    private sealed record Week(int[] Nights, string[] WordsA, string[] WordsB, string NameA, string NameB, bool Care);

    private static readonly string[] LexiconWords = ReadLexiconWords();

    private static readonly Gen<string> Name = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-"].Array[1, 20].Select(c => new string(c));

    /// <summary>One partner's words for <paramref name="nights"/> nights: 1 to 7 different words, each used at least
    /// once.</summary>
    private static Gen<string[]> Words(int nights) =>
        from distinct in Gen.Int[1, nights]
        from pool in Gen.OneOf(LexiconWords).Array[distinct]
        from rest in Gen.Int[0, distinct - 1].Array[nights - distinct]
        select pool.Concat(rest.Select(i => pool[i])).ToArray();

    private static readonly Gen<Week> StrongWeeks =
        from mask in Gen.Int[1, 127]
        let nights = Enumerable.Range(0, 7).Where(d => (mask & (1 << d)) != 0).ToArray()
        from a in Words(nights.Length)
        from b in Words(nights.Length)
        from nameA in Name
        from nameB in Name
        from care in Gen.Bool
        select new Week(nights, a, b, nameA, nameB, care);

    /// <summary>"calm x3, happy x2, tired.": the test's own count, most frequent first, then the earliest night first.</summary>
    private static string Expected(int[] nights, string[] words) =>
        string.Join(", ", words.Select((w, i) => (Word: w, Back: nights[i])).GroupBy(x => x.Word)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(x => x.Back))
            .Take(3).Select(g => g.Count() > 1 ? $"{g.Key} x{g.Count()}" : g.Key));

    [Fact]
    public void In_every_strong_week_both_recaps_name_both_partners_top_three_words_within_two_segments()
    {
        var checkedWeeks = 0;
        for (var i = 0; i < 2000; i++)
        {
            var week = StrongWeeks.Generate(new PCG((uint)i, SeedBase), null, out _);
            var couple = Couple(week.NameA, week.NameB);
            // In date order, as the history's range query returns them.
            var answers = week.Nights.SelectMany((back, n) => new[] { Answer(back, "a", week.WordsA[n]), Answer(back, "b", week.WordsB[n]) }).OrderBy(a => a.Date).ToList();
            var computed = WeeklyRecap.Compute(couple, Sunday, answers, [], Answers.Streak(answers, Sunday), Lexicon, Nudges);
            var recap = computed with { Partners = [.. computed.Partners.Select(p => p with { Care = week.Care })] };
            var listA = Expected(week.Nights, week.WordsA);
            var listB = Expected(week.Nights, week.WordsB);
            foreach (var (key, own, others, otherName) in new[] { ("a", listA, listB, week.NameB), ("b", listB, listA, week.NameA) })
            {
                var text = RecapText.Render(couple, recap, key, Nudges, CareLink, WeekLink);
                var nights = week.Nights.Length;
                Assert.True(text.StartsWith($"You both answered {nights} night{(nights == 1 ? "" : "s")} this week", StringComparison.Ordinal), $"#{i}: {text}");
                Assert.True(text.Contains($"You: {own}", StringComparison.Ordinal), $"#{i}, own words {own}: {text}");
                Assert.True(text.Contains($" {otherName}: {others}", StringComparison.Ordinal), $"#{i}, {otherName}'s words {others}: {text}");
                Assert.EndsWith(" " + WeekLink, text);
                // Two segments; a care week takes a third only when what must stay needs it.
                Assert.True(Gsm7.Segments(text) <= (week.Care ? 3 : 2), $"#{i}: {Gsm7.Septets(text)} septets: {text}");
                if (week.Care) Assert.Contains($"{Nudges.Care} {CareLink} {WeekLink}", text);
                // Over two segments, the text holds what must stay and nothing else.
                if (Gsm7.Segments(text) > 2)
                    Assert.Equal($"You both answered {nights} night{(nights == 1 ? "" : "s")} this week. You: {own}. {otherName}: {others}. {Nudges.Care} {CareLink} {WeekLink}", text);
            }
            checkedWeeks++;
        }
        output.WriteLine($"{checkedWeeks} strong weeks, both recaps each.");
    }

    [Fact]
    public void A_quiet_week_is_one_kind_line_with_the_nudge_and_the_link_and_a_week_without_words_lists_none()
    {
        var couple = Couple();
        var quiet = WeeklyRecap.Compute(couple, Sunday, [], [], 0, Lexicon, Nudges);
        Assert.Equal($"A quiet week for you two. {Nudge(quiet["a"])} {WeekLink}", RecapText.Render(couple, quiet, "a", Nudges, null, WeekLink));
        Assert.Equal($"A quiet week for you two. {Nudge(quiet["b"])} {WeekLink}", RecapText.Render(couple, quiet, "b", Nudges, null, WeekLink));
        Assert.All(quiet.Partners, p => Assert.StartsWith("quiet-", p.NudgeId));

        // Both answered, neither gave a mood word: the nights, and no word of what was missing.
        List<AnswerRecord> wordless = [Answer(1, "a", null), Answer(1, "b", null), Answer(3, "a", null), Answer(3, "b", null)];
        var recap = WeeklyRecap.Compute(couple, Sunday, wordless, [], Answers.Streak(wordless, Sunday), Lexicon, Nudges);
        Assert.Equal($"You both answered 2 nights this week. {Nudge(recap["a"])} {WeekLink}", RecapText.Render(couple, recap, "a", Nudges, null, WeekLink));
    }

    [Fact]
    public void A_withheld_answer_is_never_shown_or_counted_in_the_other_partners_recap()
    {
        var couple = Couple();
        // Three nights both answered; on Friday (back 2) Ana's reply signalled fear of Sam, and it is withheld from him.
        List<AnswerRecord> answers =
        [
            Answer(4, "a", "calm"), Answer(4, "b", "happy"),
            Answer(3, "a", "calm"), Answer(3, "b", "proud"),
            Answer(2, "a", "scared", CareSignal.Safety), Answer(2, "b", "excited"),
        ];
        var recap = WeeklyRecap.Compute(couple, Sunday, answers, [], Answers.Streak(answers, Sunday), Lexicon, Nudges);
        var toSam = RecapText.Render(couple, recap, "b", Nudges, null, WeekLink);
        var toAna = RecapText.Render(couple, recap, "a", Nudges, null, WeekLink);
        output.WriteLine(toSam);
        output.WriteLine(toAna);

        // Sam sees Friday as a night Ana did not answer: two nights together, a run of none to Sunday, no "scared".
        Assert.StartsWith("You both answered 2 nights this week. You: happy, proud, excited. Ana: calm x2.", toSam);
        Assert.DoesNotContain("scared", toSam);
        Assert.Equal(0, recap.Streak);
        // Ana's own recap may show her own word; Sam's Friday word is not a night both answered for her either.
        Assert.Contains("You: calm x2, scared.", toAna);
        Assert.Contains("Sam: happy, proud.", toAna);

        // A week in which Ana's only answers were withheld is, for Sam, a week she did not answer.
        List<AnswerRecord> alone = [Answer(1, "a", "scared", CareSignal.Safety), Answer(1, "b", "calm"), Answer(3, "a", "afraid", CareSignal.Safety)];
        var week = WeeklyRecap.Compute(couple, Sunday, alone, [], Answers.Streak(alone, Sunday), Lexicon, Nudges);
        Assert.Equal((0, Situation.Solo), (week.NightsBoth, week["b"].Situation));
        Assert.Equal($"You answered 1 night this week. You: calm. {Nudge(week["b"])} {WeekLink}", RecapText.Render(couple, week, "b", Nudges, null, WeekLink));
        // With no answer of his own either, the week is a quiet one for him.
        List<AnswerRecord> silent = [Answer(1, "a", "scared", CareSignal.Safety)];
        var none = WeeklyRecap.Compute(couple, Sunday, silent, [], 0, Lexicon, Nudges);
        Assert.Equal($"A quiet week for you two. {Nudge(none["b"])} {WeekLink}", RecapText.Render(couple, none, "b", Nudges, null, WeekLink));
    }

    [Fact]
    public void A_word_that_needs_UCS2_keeps_both_partners_words_the_nights_and_the_link_and_drops_the_extras()
    {
        var couple = Couple("Maximiliana-Josefine", "Bartholomew-Alexandr");
        List<AnswerRecord> answers = [.. Enumerable.Range(0, 6).Reverse().SelectMany(back => new[] { Answer(back, "a", back < 3 ? "tranquilísima" : "calm"), Answer(back, "b", back % 2 == 0 ? "😊" : "happy") })];
        var recap = WeeklyRecap.Compute(couple, Sunday, answers, [], Answers.Streak(answers, Sunday), Lexicon, Nudges);
        var text = RecapText.Render(couple, recap, "a", Nudges, null, WeekLink);
        output.WriteLine($"{text.Length} UTF-16 units, {Gsm7.Segments(text)} UCS-2 segments: {text}");

        Assert.Equal($"You both answered 6 nights this week. You: calm x3, tranquilísima x3. Bartholomew-Alexandr: happy x3, 😊 x3. {WeekLink}", text);
        Assert.Null(Gsm7.Septets(text));
        Assert.True(Gsm7.Segments(text) <= 5, text);
    }

    private static string[] ReadLexiconWords()
    {
        using var stream = typeof(MoodLexicon).Assembly.GetManifestResourceStream("HappyTogether.Foundation.Moods.lexicon.json")!;
        using var lexicon = JsonDocument.Parse(stream);
        return [.. lexicon.RootElement.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("word").GetString()!)];
    }
}
