using System.Globalization;
using System.Reflection;
using System.Text;
using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Tests.Domain;

/// <summary>The catalog in Spanish (prompts.es.json) under the catalog's own rules: a year of it, one segment at its
/// cheapest with a 20-character name, no near-duplicates, no brands, the specials' promises kept.</summary>
public class SpanishCatalogTests
{
    private static readonly PromptCatalog English = PromptCatalog.Load();
    private static readonly PromptCatalog Spanish = English.In(Languages.Spanish);
    private static readonly string LongestName = new('W', 20);

    private static readonly HashSet<string> StopWords =
    [
        .. "el la los las un una unos unas de del al y o que en con por para tu tus te ti mi su sus es son lo le les se hoy esta este eso qué cómo cuál cuándo dónde quién más muy ya algo alguna algún ustedes dos".Split(' '),
    ];

    [Fact]
    public void There_is_a_year_of_questions_enough_ideas_and_every_special_in_Spanish()
    {
        Assert.Equal(Languages.Spanish, Spanish.Language);
        Assert.True(Spanish.For(Slot.Evening).Count >= 365, $"{Spanish.For(Slot.Evening).Count} questions");
        Assert.True(Spanish.For(Slot.Morning).Count >= 200, $"{Spanish.For(Slot.Morning).Count} ideas");
        Assert.True(Spanish.For(Slot.Morning).Count(p => p.Setting != Setting.Together) >= 200, "ideas that work apart");
        Assert.True(Spanish.For(Slot.Evening, Specials.Appreciation).Count >= 52);
        foreach (var special in new[] { Specials.Anniversary, Specials.Birthday, Specials.OwnBirthday })
        {
            Assert.True(Spanish.For(Slot.Morning, special).Count >= 12, special);
            Assert.True(Spanish.For(Slot.Evening, special).Count >= 12, special);
        }
        Assert.All(Spanish.For(Slot.Evening, Specials.Appreciation), p => Assert.Contains("esta semana", p.Text, StringComparison.OrdinalIgnoreCase));
        // Same ids, same everything but the words.
        Assert.All(Spanish.Questions.Concat(Spanish.Gestures), p =>
        {
            var english = English.Find(p.Id)!;
            Assert.Equal((english.Kind, english.Depth, english.Setting, english.OneSided, english.Special, english.When), (p.Kind, p.Depth, p.Setting, p.OneSided, p.Special, p.When));
            Assert.Equal(english.Text.Contains(Prompt.PartnerPlaceholder, StringComparison.Ordinal), p.Text.Contains(Prompt.PartnerPlaceholder, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Every_Spanish_text_with_a_long_name_and_its_longest_ending_is_one_segment_at_its_cheapest()
    {
        var ending = Spanish.QuestionSuffixes.MaxBy(s => s.Length)!;
        var texts = Spanish.Gestures.Select(p => (p.Id, Text: p.Render(LongestName)))
            .Concat(Spanish.Questions.Select(p => (p.Id, Text: p.Render(LongestName) + ending)))
            .Concat(Spanish.Questions.Where(p => p.FollowUp is not null).Select(p => (p.Id, Text: p.FollowUp!
                .Replace(Prompt.PartnerPlaceholder, LongestName).Replace(FollowThrough.AnswerPlaceholder, new string('x', FollowThrough.ExcerptLength)))));
        Assert.All(texts, t =>
        {
            var sent = Gsm7.Cheapest(t.Text);
            Assert.True(Gsm7.Segments(sent) == 1, $"{t.Id}: {sent.Length} characters: {sent}");
            Assert.True(Gsm7.IsBasic(sent) || sent.Length <= 70, $"{t.Id} has characters GSM-7 lacks beyond accents: {sent}");
        });
        Assert.All(Spanish.Questions, p => Assert.True(p.Text.Contains('¿') && p.Text.TrimEnd().EndsWith('?'), p.Id));
    }

    [Fact]
    public void No_two_Spanish_texts_are_near_duplicates_and_none_names_a_brand()
    {
        foreach (var kind in new[] { Spanish.Questions, Spanish.Gestures })
        {
            var words = kind.Select(p => (p.Id, Words: ContentWords(p.Text))).ToList();
            for (var i = 0; i < words.Count; i++)
                for (var j = i + 1; j < words.Count; j++)
                {
                    var (a, b) = (words[i].Words, words[j].Words);
                    var jaccard = (double)a.Intersect(b).Count() / a.Union(b).Count();
                    Assert.True(jaccard < 0.5, $"{words[i].Id} ~ {words[j].Id}");
                }
        }
        var root = typeof(SpanishCatalogTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        var brands = File.ReadLines(Path.Combine(root, "tests", "HappyTogether.Tests", "Domain", "Prompts", "brands.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.All(Spanish.Questions.Concat(Spanish.Gestures), p =>
            Assert.DoesNotContain(brands, b => System.Text.RegularExpressions.Regex.IsMatch(p.Text, $@"\b{System.Text.RegularExpressions.Regex.Escape(b)}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)));
    }

    [Fact]
    public void A_couple_with_a_Spanish_partner_draws_only_what_is_written_in_Spanish()
    {
        Assert.True(English.IsWrittenIn("q001", [Languages.Spanish, Languages.English, null]) == (Spanish.Find("q001") is not null));
        var missing = English.For(Slot.Evening).First(p => Spanish.Find(p.Id) is null);
        Assert.False(English.IsWrittenIn(missing.Id, [Languages.Spanish]));
        Assert.True(English.IsWrittenIn(missing.Id, [Languages.English, null]));
        Assert.Same(English, English.In(null));
        Assert.Same(English, English.In("fr"));
    }

    private static HashSet<string> ContentWords(string text)
    {
        var folded = new string(text.ToLowerInvariant().Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
        var stop = StopWords.Select(w => new string(w.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray())).ToHashSet();
        return folded.Replace("{partner}", " ").Split([' ', ',', '.', '?', '!', ':', ';', '\'', '"', '¿', '¡', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 2 && !stop.Contains(w)).ToHashSet();
    }
}
