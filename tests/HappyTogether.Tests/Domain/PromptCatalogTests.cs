using System.Reflection;
using System.Text.RegularExpressions;
using HappyTogether.Content.Prompts;
using HappyTogether.Content.Recap;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Domain;

/// <summary>The catalog as data: enough of each kind and tag for a year, in one GSM-7 segment, with no near-duplicates
/// and no brands.</summary>
public partial class PromptCatalogTests
{
    private static readonly string LongestName = new('W', 20);
    private readonly PromptCatalog catalog = PromptCatalog.Load();

    /// <summary>Two texts sharing this much of their words (Jaccard over content words) are near-duplicates.</summary>
    private const double SimilarityBound = 0.5;

    private static readonly HashSet<string> StopWords =
    [
        .. "the and you your what when that this with for was are one about from have has had would could did does his her their them they its into out our ours who how which why any all today tonight partner".Split(' '),
    ];

    private static readonly string[] Skills = ["skill:i-statements", "skill:echo", "skill:honesty-window", "skill:pause-return", "skill:needs", "skill:listening-date", "skill:bids"];

    private IEnumerable<Prompt> All => catalog.Questions.Concat(catalog.Gestures);

    [Fact]
    public void There_is_a_year_of_questions_and_enough_ideas_also_for_couples_apart()
    {
        var questions = catalog.For(Slot.Evening);
        var ideas = catalog.For(Slot.Morning);
        Assert.All(questions.Concat(ideas), p => Assert.Null(p.Special));
        Assert.True(questions.Count >= 365, $"{questions.Count} everyday questions");
        Assert.True(ideas.Count >= 200, $"{ideas.Count} everyday ideas");
        Assert.True(ideas.Count(p => p.Setting != Setting.Together) >= 365, "everyday ideas that work apart");
    }

    [Fact]
    public void Appreciation_night_has_a_year_of_questions_about_this_week()
    {
        var questions = catalog.For(Slot.Evening, Specials.Appreciation);
        Assert.True(questions.Count >= 52, $"{questions.Count} appreciation questions: one a week must not repeat within a year");
        Assert.All(questions, p =>
        {
            Assert.Equal(Prompt.Question, p.Kind);
            Assert.Contains("appreciation", p.Tags);
            Assert.True(p.Text.Contains("this week", StringComparison.OrdinalIgnoreCase), $"{p.Id} does not say 'this week'");
        });
        Assert.Empty(catalog.For(Slot.Morning, Specials.Appreciation));
    }

    [Theory]
    [InlineData(Specials.Anniversary, false)]
    [InlineData(Specials.Birthday, true)]
    [InlineData(Specials.OwnBirthday, true)]
    public void Each_special_day_has_ideas_and_questions_also_for_couples_apart(string special, bool oneSided)
    {
        var ideas = catalog.For(Slot.Morning, special);
        var questions = catalog.For(Slot.Evening, special);
        Assert.True(ideas.Count >= 12, $"{special}: {ideas.Count} ideas");
        Assert.True(questions.Count >= 12, $"{special}: {questions.Count} questions");
        Assert.True(ideas.Count(p => p.Setting != Setting.Together) >= 8, $"{special}: ideas that work apart");
        Assert.All(ideas, p => Assert.True(p.OneSided == oneSided, $"{p.Id} must be {(oneSided ? "one-sided" : "shared")}"));
        Assert.All(ideas, p => Assert.Equal(Prompt.Gesture, p.Kind));
        Assert.All(questions, p => Assert.Equal(Prompt.Question, p.Kind));
    }

    [Fact]
    public void Every_special_in_the_file_is_a_known_one_and_kept_out_of_the_rotation()
    {
        var special = All.Where(p => p.Special is not null).ToList();
        Assert.NotEmpty(special);
        Assert.All(special, p => Assert.Contains(p.Special!, Specials.All));
        var everyday = catalog.For(Slot.Evening).Concat(catalog.For(Slot.Morning)).Select(p => p.Id).ToHashSet();
        Assert.All(special, p => Assert.DoesNotContain(p.Id, everyday));
    }

    [Fact]
    public void Each_of_the_guide_s_skills_has_ten_texts_and_there_is_a_romantic_register()
    {
        foreach (var skill in Skills)
            Assert.True(All.Count(p => p.Tags.Contains(skill)) >= 10, skill);
        Assert.True(All.Count(p => p.Tags.Contains("romantic")) >= 20);
        Assert.Contains(catalog.Questions, p => p.Tags.Contains("appreciation"));
    }

    [Fact]
    public void Depth_setting_and_sidedness_are_given_for_every_prompt_in_the_file()
    {
        var file = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "functions", "HappyTogether", "Content", "Prompts", "prompts.json")));
        foreach (var entry in file.RootElement.GetProperty("prompts").EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString();
            Assert.True(entry.TryGetProperty("depth", out _), $"{id} has no depth");
            if (entry.GetProperty("kind").GetString() == Prompt.Gesture)
                Assert.True(entry.TryGetProperty("setting", out _) && entry.TryGetProperty("sided", out _), $"{id} needs setting and sided");
        }
        Assert.All(Enum.GetValues<Depth>(), d => Assert.Contains(catalog.Questions, p => p.Depth == d));
    }

    [Fact]
    public void Ids_are_unique_and_every_prompt_has_tags()
    {
        Assert.Equal(All.Count(), All.Select(p => p.Id).Distinct().Count());
        Assert.All(All, p => Assert.InRange(p.Tags.Count, 1, 4));
    }

    [Fact]
    public void Every_text_with_a_twenty_character_name_is_one_GSM7_segment()
    {
        var longestSuffix = catalog.QuestionSuffixes.MaxBy(s => s.Length)!;
        var texts = catalog.Gestures.Select(p => (p.Id, Text: p.Render(LongestName)))
            .Concat(catalog.Questions.Select(p => (p.Id, Text: p.Render(LongestName) + longestSuffix)));
        Assert.All(texts, t =>
        {
            Assert.True(Gsm7.IsBasic(t.Text), $"{t.Id} has characters outside the GSM-7 basic table: {t.Text}");
            Assert.True(Gsm7.Septets(t.Text) <= Gsm7.SingleSegmentSeptets, $"{t.Id} is {t.Text.Length} characters with a 20-character name.");
        });
    }

    [Fact]
    public void Placeholder_is_the_only_brace_and_appears_at_most_once()
    {
        Assert.All(All, p =>
        {
            var withoutPlaceholder = p.Text.Replace(Prompt.PartnerPlaceholder, "");
            Assert.DoesNotContain('{', withoutPlaceholder);
            Assert.DoesNotContain('}', withoutPlaceholder);
            Assert.True(p.Text.Split(Prompt.PartnerPlaceholder).Length <= 2, p.Id);
        });
    }

    [Fact]
    public void No_two_texts_are_near_duplicates()
    {
        foreach (var kind in new[] { catalog.Questions, catalog.Gestures })
        {
            var words = kind.Select(p => (p.Id, Words: Words(p.Text))).ToList();
            var close = new List<string>();
            for (var i = 0; i < words.Count; i++)
                for (var j = i + 1; j < words.Count; j++)
                {
                    if (Similarity(words[i].Words, words[j].Words) >= SimilarityBound) close.Add($"{words[i].Id} ~ {words[j].Id}");
                }
            Assert.True(close.Count == 0, string.Join(", ", close));
        }
    }

    [Fact]
    public void No_nudge_repeats_a_catalog_text()
    {
        var catalogWords = All.Select(p => (p.Id, Words: Words(p.Text))).ToList();
        var repeats = Nudges.Load().All
            .SelectMany(n => catalogWords.Where(c => Similarity(Words(n.Text), c.Words) >= 0.4).Select(c => $"{n.Id} ~ {c.Id}"))
            .ToList();
        Assert.True(repeats.Count == 0, string.Join(", ", repeats));
    }

    [Fact]
    public void No_text_names_a_brand()
    {
        var brands = File.ReadLines(Path.Combine(Root, "tests", "HappyTogether.Tests", "Domain", "Prompts", "brands.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        var texts = All.Select(p => (p.Id, p.Text)).Concat(Nudges.Load().All.Select(n => (n.Id, n.Text)));
        Assert.All(texts, t => Assert.DoesNotContain(WordsOf().Matches(t.Text.ToLowerInvariant()).Select(m => m.Value), brands.Contains));
    }

    [Fact]
    public void Calendar_words_come_with_their_calendar_rule()
    {
        Assert.All(All.Where(p => p.Text.Contains("this weekend", StringComparison.OrdinalIgnoreCase)), p =>
            Assert.True(p.Days is { } days && !days.Contains(DayOfWeek.Sunday) && !days.Contains(DayOfWeek.Monday), $"{p.Id}: 'this weekend' must not arrive on a Sunday or Monday"));
        Assert.All(All.Where(p => p.Text.Contains("month ends", StringComparison.OrdinalIgnoreCase)), p =>
            Assert.True(p.LatestDay is <= 25, $"{p.Id}: 'before the month ends' must stop by the 25th"));
    }

    [Fact]
    public void Every_prompt_fits_exactly_the_dates_its_calendar_rule_and_its_words_allow()
    {
        // A common year and a leap year, every day, against the test's own reading of the file (PromptCalendar).
        var byId = All.ToDictionary(p => p.Id);
        Assert.Equal(PromptCalendar.Ids.Order(), byId.Keys.Order());
        var wrong = new List<string>();
        for (var date = new DateOnly(2027, 1, 1); date <= new DateOnly(2028, 12, 31); date = date.AddDays(1))
            foreach (var id in PromptCalendar.Ids)
                if (byId[id].FitsOn(date) != PromptCalendar.Fits(id, date)) wrong.Add($"{id} on {date:ddd yyyy-MM-dd}");
        Assert.True(wrong.Count == 0, string.Join(", ", wrong.Take(20)));
        // Not a trivial agreement: some prompts are kept off some dates.
        Assert.Contains(PromptCalendar.Ids, id => !PromptCalendar.Fits(id, new DateOnly(2027, 1, 31)));
    }

    [Fact]
    public void A_catalog_with_an_unknown_kind_is_refused()
    {
        var json = """{"questionSuffixes":[],"prompts":[{"id":"x1","kind":"riddle","tags":["a"],"text":"?"}]}""";
        Assert.Throws<InvalidDataException>(() => PromptCatalog.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
    }

    private static string Root => typeof(PromptCatalogTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static HashSet<string> Words(string text) =>
        WordsOf().Matches(text.ToLowerInvariant().Replace(Prompt.PartnerPlaceholder, " ")).Select(m => m.Value).Where(w => w.Length >= 3 && !StopWords.Contains(w)).ToHashSet();

    private static double Similarity(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : (double)a.Intersect(b).Count() / a.Union(b).Count();

    [GeneratedRegex("[a-z]+")]
    private static partial Regex WordsOf();
}
