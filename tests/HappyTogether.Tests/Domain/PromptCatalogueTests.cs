using HappyTogether.Prompts;
using HappyTogether.Text;

namespace HappyTogether.Tests.Domain;

public class PromptCatalogueTests
{
    private static readonly string LongestName = new('W', 20);
    private readonly PromptCatalogue catalogue = PromptCatalogue.Load();

    [Fact]
    public void Catalogue_has_enough_prompts_of_each_kind()
    {
        Assert.True(catalogue.Questions.Count >= 90, $"{catalogue.Questions.Count} questions");
        Assert.True(catalogue.Gestures.Count >= 60, $"{catalogue.Gestures.Count} gestures");
    }

    [Fact]
    public void Ids_are_unique_and_every_prompt_has_tags()
    {
        var all = catalogue.Questions.Concat(catalogue.Gestures).ToList();
        Assert.Equal(all.Count, all.Select(p => p.Id).Distinct().Count());
        Assert.All(all, p => Assert.InRange(p.Tags.Count, 1, 3));
    }

    [Fact]
    public void Every_text_with_a_twenty_character_name_is_one_GSM7_segment()
    {
        var longestSuffix = catalogue.QuestionSuffixes.MaxBy(s => s.Length)!;
        var texts = catalogue.Gestures.Select(p => (p.Id, Text: p.Render(LongestName)))
            .Concat(catalogue.Questions.Select(p => (p.Id, Text: p.Render(LongestName) + longestSuffix)));
        Assert.All(texts, t =>
        {
            Assert.True(Gsm7.IsBasic(t.Text), $"{t.Id} has characters outside the GSM-7 basic table: {t.Text}");
            Assert.True(Gsm7.Septets(t.Text) <= Gsm7.SingleSegmentSeptets, $"{t.Id} is {t.Text.Length} characters with a 20-character name.");
        });
    }

    [Fact]
    public void Placeholder_is_the_only_brace_and_appears_at_most_once()
    {
        Assert.All(catalogue.Questions.Concat(catalogue.Gestures), p =>
        {
            var withoutPlaceholder = p.Text.Replace(Prompt.PartnerPlaceholder, "");
            Assert.DoesNotContain('{', withoutPlaceholder);
            Assert.DoesNotContain('}', withoutPlaceholder);
            Assert.True(p.Text.Split(Prompt.PartnerPlaceholder).Length <= 2, p.Id);
        });
    }

    [Fact]
    public void A_catalogue_with_an_unknown_kind_is_refused()
    {
        var json = """{"questionSuffixes":[],"prompts":[{"id":"x1","kind":"riddle","tags":["a"],"text":"?"}]}""";
        Assert.Throws<InvalidDataException>(() => PromptCatalogue.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
    }
}
