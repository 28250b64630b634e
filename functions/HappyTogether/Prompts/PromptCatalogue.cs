using System.Text.Json;
using System.Text.Json.Serialization;
using HappyTogether.Scheduling;

namespace HappyTogether.Prompts;

/// <summary>How much a prompt asks of a couple: the rotation starts light and never runs deep for long.</summary>
public enum Depth { Light, Warm, Deep }

/// <summary>Where a couple must be for an idea: in one place, apart, or either.</summary>
public enum Setting { Either, Together, Apart }

/// <summary>One gesture idea or question from the catalogue, with what the rotation reads about it.</summary>
public sealed record Prompt(string Id, string Kind, IReadOnlyList<string> Tags, string Text)
{
    public const string Question = "question";
    public const string Gesture = "gesture";
    public const string PartnerPlaceholder = "{partner}";

    public Depth Depth { get; init; }

    public Setting Setting { get; init; }

    /// <summary>Something one partner does for the other ("let {partner} pick the film"): the two never get it on the same day.</summary>
    public bool OneSided { get; init; }

    /// <summary>The weekdays the text fits ("this weekend": Thursday to Saturday); null for any.</summary>
    public IReadOnlySet<DayOfWeek>? Days { get; init; }

    /// <summary>The last day of the month the text fits ("before the month ends": the 25th); null for any.</summary>
    public int? LatestDay { get; init; }

    /// <summary>The months the text fits (a season); null for any.</summary>
    public IReadOnlySet<int>? Months { get; init; }

    /// <summary>The text with the other partner's name in place of the placeholder.</summary>
    public string Render(string partnerName) => Text.Replace(PartnerPlaceholder, partnerName, StringComparison.Ordinal);

    /// <summary>True when the text's calendar words hold on the recipient's local <paramref name="date"/>.</summary>
    public bool FitsOn(DateOnly date) =>
        (Days is null || Days.Contains(date.DayOfWeek)) && (LatestDay is null || date.Day <= LatestDay) && (Months is null || Months.Contains(date.Month));
}

/// <summary>The prompt catalogue, read from the data file shipped inside this assembly.</summary>
public sealed class PromptCatalogue
{
    private readonly Dictionary<string, Prompt> byId;

    private PromptCatalogue(IReadOnlyList<Prompt> questions, IReadOnlyList<Prompt> gestures, IReadOnlyList<string> suffixes)
    {
        Questions = questions;
        Gestures = gestures;
        QuestionSuffixes = suffixes;
        byId = questions.Concat(gestures).ToDictionary(p => p.Id);
    }

    /// <summary>The prompt with this id, or null when the catalogue no longer has it.</summary>
    public Prompt? Find(string id) => byId.GetValueOrDefault(id);

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
        var prompts = file.Prompts.Select(p => new Prompt(p.Id, p.Kind, p.Tags, p.Text)
        {
            Depth = Enum.Parse<Depth>(p.Depth ?? nameof(Depth.Light), ignoreCase: true),
            Setting = Enum.Parse<Setting>(p.Setting ?? nameof(Setting.Either), ignoreCase: true),
            OneSided = p.Sided is "one-sided",
            Days = p.Days?.Select(d => Enum.Parse<DayOfWeek>(d, ignoreCase: true)).ToHashSet(),
            LatestDay = p.LatestDay,
            Months = p.Months?.ToHashSet(),
        }).ToList();
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

    private sealed record PromptEntry(string Id, string Kind, List<string> Tags, string Text, string? Depth, string? Setting, string? Sided, List<string>? Days, int? LatestDay, List<int>? Months);
}
