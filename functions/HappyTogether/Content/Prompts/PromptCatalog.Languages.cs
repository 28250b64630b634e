using System.Text.Json;
using System.Text.Json.Serialization;

namespace HappyTogether.Content.Prompts;

/// <summary>
/// The catalog in other languages: prompts.{language}.json gives, by id, the text (and follow-up) of the prompts
/// written in that language, and its own mood-word asks; everything else comes from prompts.json. A prompt without a
/// text in a language is not in that language's catalog.
/// </summary>
public sealed partial class PromptCatalog
{
    /// <summary>The languages the catalog is written in besides English.</summary>
    public static readonly IReadOnlyList<string> Translated = ["es"];

    private Dictionary<string, PromptCatalog> translations = [];

    /// <summary>This catalog's language.</summary>
    public string Language { get; private init; } = "en";

    /// <summary>The catalog as written in <paramref name="language"/>: this one for English or a language it has no
    /// translation in.</summary>
    public PromptCatalog In(string? language) => language is not null && translations.TryGetValue(language, out var translated) ? translated : this;

    /// <summary>True when the prompt is written in every language of <paramref name="languages"/>.</summary>
    public bool IsWrittenIn(string id, IEnumerable<string?> languages) => languages.All(l => In(l).Find(id) is not null);

    private static PromptCatalog Translate(PromptCatalog english, Stream json)
    {
        var file = JsonSerializer.Deserialize<TranslationFile>(json, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("A translated prompt catalog is empty.");
        var texts = new Dictionary<string, TranslatedPrompt>();
        foreach (var entry in file.Prompts)
        {
            if (english.Find(entry.Id) is null) throw new InvalidDataException($"prompts.{file.Language}.json: {entry.Id} is not in prompts.json.");
            if (!texts.TryAdd(entry.Id, entry)) throw new InvalidDataException($"prompts.{file.Language}.json lists {entry.Id} twice.");
        }
        Prompt? Local(Prompt p) => texts.TryGetValue(p.Id, out var t) ? p with { Text = t.Text, FollowUp = p.FollowUp is null ? null : t.FollowUp } : null;
        return new PromptCatalog(
            english.Questions.Select(Local).OfType<Prompt>().ToList(),
            english.Gestures.Select(Local).OfType<Prompt>().ToList(),
            file.QuestionSuffixes,
            file.ShortSuffixes ?? [])
        { Language = file.Language };
    }

    private static PromptCatalog WithTranslations(PromptCatalog english)
    {
        foreach (var language in Translated)
        {
            using var stream = typeof(PromptCatalog).Assembly.GetManifestResourceStream($"HappyTogether.Content.Prompts.prompts.{language}.json")
                ?? throw new InvalidOperationException($"prompts.{language}.json is missing from the build.");
            english.translations[language] = Translate(english, stream);
        }
        return english;
    }

    private sealed record TranslationFile(
        [property: JsonRequired] string Language,
        [property: JsonRequired] List<TranslatedPrompt> Prompts,
        [property: JsonRequired] List<string> QuestionSuffixes,
        List<string>? ShortSuffixes);

    private sealed record TranslatedPrompt([property: JsonRequired] string Id, [property: JsonRequired] string Text, string? FollowUp);
}
