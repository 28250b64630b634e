using System.Text.Json;
using System.Text.Json.Serialization;
using HappyTogether.Scheduling;

namespace HappyTogether.Prompts;

/// <summary>One gesture idea or question from the catalogue.</summary>
public sealed record Prompt(string Id, string Kind, IReadOnlyList<string> Tags, string Text)
{
    public const string Question = "question";
    public const string Gesture = "gesture";
    public const string PartnerPlaceholder = "{partner}";

    /// <summary>The text with the other partner's name in place of the placeholder.</summary>
    public string Render(string partnerName) => Text.Replace(PartnerPlaceholder, partnerName, StringComparison.Ordinal);
}

/// <summary>The prompt catalogue, read from the data file shipped inside this assembly.</summary>
public sealed class PromptCatalogue
{
    private PromptCatalogue(IReadOnlyList<Prompt> questions, IReadOnlyList<Prompt> gestures, IReadOnlyList<string> suffixes)
    {
        Questions = questions;
        Gestures = gestures;
        QuestionSuffixes = suffixes;
    }

    /// <summary>Evening questions, in file order.</summary>
    public IReadOnlyList<Prompt> Questions { get; }

    /// <summary>Morning gesture ideas, in file order.</summary>
    public IReadOnlyList<Prompt> Gestures { get; }

    /// <summary>Short invitations to reply, appended to questions in turn.</summary>
    public IReadOnlyList<string> QuestionSuffixes { get; }

    public IReadOnlyList<Prompt> For(Slot slot) => slot == Slot.Morning ? Gestures : Questions;

    /// <summary>The catalogue that ships with the app.</summary>
    public static PromptCatalogue Load()
    {
        using var stream = typeof(PromptCatalogue).Assembly.GetManifestResourceStream("HappyTogether.Prompts.prompts.json")
            ?? throw new InvalidOperationException("The prompt catalogue resource is missing from the build.");
        return Parse(stream);
    }

    public static PromptCatalogue Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<CatalogueFile>(json, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The prompt catalogue is empty.");
        var prompts = file.Prompts.Select(p => new Prompt(p.Id, p.Kind, p.Tags, p.Text)).ToList();
        var unknown = prompts.FirstOrDefault(p => p.Kind is not (Prompt.Question or Prompt.Gesture));
        if (unknown is not null) throw new InvalidDataException($"Prompt {unknown.Id} has unknown kind '{unknown.Kind}'.");
        return new PromptCatalogue(
            prompts.Where(p => p.Kind == Prompt.Question).ToList(),
            prompts.Where(p => p.Kind == Prompt.Gesture).ToList(),
            file.QuestionSuffixes);
    }

    private sealed record CatalogueFile(
        [property: JsonRequired] List<PromptEntry> Prompts,
        [property: JsonRequired] List<string> QuestionSuffixes);

    private sealed record PromptEntry(string Id, string Kind, List<string> Tags, string Text);
}
