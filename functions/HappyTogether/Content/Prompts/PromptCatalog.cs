using System.Text.Json;
using System.Text.Json.Serialization;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Prompts;

/// <summary>How much a prompt asks of a couple: the rotation starts light and never runs deep for long.</summary>
public enum Depth { Light, Warm, Deep }

/// <summary>Where a couple must be for an idea: in one place, apart, or either.</summary>
public enum Setting { Either, Together, Apart }

/// <summary>One gesture idea or question from the catalog, with what the rotation reads about it.</summary>
public sealed record Prompt(string Id, string Kind, IReadOnlyList<string> Tags, string Text)
{
    public const string Question = "question";
    public const string Gesture = "gesture";
    public const string PartnerPlaceholder = "{partner}";

    public Depth Depth { get; init; }

    public Setting Setting { get; init; }

    /// <summary>Something one partner does for the other ("let {partner} pick the film"): the two never get it on the
    /// same day.</summary>
    public bool OneSided { get; init; }

    /// <summary>The weekdays the text fits ("this weekend": Thursday to Saturday); null for any.</summary>
    public IReadOnlySet<DayOfWeek>? Days { get; init; }

    /// <summary>The last day of the month the text fits ("before the month ends": the 25th); null for any.</summary>
    public int? LatestDay { get; init; }

    /// <summary>The months the text fits (a season); null for any.</summary>
    public IReadOnlySet<int>? Months { get; init; }

    /// <summary>The night or day the prompt is kept for (<see cref="Specials"/>); null for the everyday
    /// rotation.</summary>
    public string? Special { get; init; }

    /// <summary>What must hold for the prompt to go at all (a missed night, a heavy week, a listening date); null for
    /// always.</summary>
    public Condition? When { get; init; }

    /// <summary>What the idea asks of the household (a shared home, money, a long walk, a free evening).</summary>
    public IReadOnlySet<Need> Needs { get; init; } = new HashSet<Need>();

    /// <summary>The only household the prompt is written for (kids at home, living apart in town); null for
    /// any.</summary>
    public HouseholdKind? For { get; init; }

    /// <summary>For a question: what the other partner gets the next morning, built on this partner's answer
    /// ({partner} is the one who answered, {answer} a short excerpt of it); null when the question has none.</summary>
    public string? FollowUp { get; init; }

    /// <summary>The text with the other partner's name in place of the placeholder.</summary>
    public string Render(string partnerName) => Text.Replace(PartnerPlaceholder, partnerName, StringComparison.Ordinal);

    /// <summary>True when the text's calendar words hold on the recipient's local <paramref name="date"/>.</summary>
    public bool FitsOn(DateOnly date) =>
        (Days is null || Days.Contains(date.DayOfWeek)) && (LatestDay is null || date.Day <= LatestDay) && (Months is null || Months.Contains(date.Month));
}

/// <summary>The nights and days a prompt can be kept for, outside the everyday rotation.</summary>
public static class Specials
{
    /// <summary>The weekly appreciation night's question: one thing each appreciated about the other this
    /// week.</summary>
    public const string Appreciation = "appreciation";

    /// <summary>The couple's anniversary: the same idea and question for both.</summary>
    public const string Anniversary = "anniversary";

    /// <summary>A partner's birthday, as the other partner gets it ({partner} is the one whose birthday it
    /// is).</summary>
    public const string Birthday = "birthday";

    /// <summary>A partner's birthday, as they get it themselves ({partner} is the other partner).</summary>
    public const string OwnBirthday = "birthday-own";

    /// <summary>The evening after the third listening date: what each enjoyed, keep it, move it or swap it.</summary>
    public const string ListeningCheckIn = "checkin-listening";

    /// <summary>The evening after the third time of the couple's weekly ritual: the same check-in.</summary>
    public const string RitualCheckIn = "checkin-ritual";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Appreciation, Anniversary, Birthday, OwnBirthday, ListeningCheckIn, RitualCheckIn };
}

/// <summary>The prompt catalog, read from the data file shipped inside this assembly.</summary>
public sealed partial class PromptCatalog
{
    private readonly Dictionary<string, Prompt> byId;

    private PromptCatalog(IReadOnlyList<Prompt> questions, IReadOnlyList<Prompt> gestures, IReadOnlyList<string> suffixes, IReadOnlyList<string> shortSuffixes)
    {
        Questions = questions;
        Gestures = gestures;
        QuestionSuffixes = suffixes;
        ShortSuffixes = shortSuffixes;
        byId = questions.Concat(gestures).ToDictionary(p => p.Id);
        everydayQuestions = questions.Where(p => p.Special is null).ToList();
        everydayGestures = gestures.Where(p => p.Special is null).ToList();
        bySpecial = questions.Select(p => (Slot: Slot.Evening, Prompt: p)).Concat(gestures.Select(p => (Slot: Slot.Morning, Prompt: p)))
            .Where(p => p.Prompt.Special is not null)
            .GroupBy(p => (p.Slot, p.Prompt.Special!))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Prompt>)g.Select(p => p.Prompt).ToList());
    }

    // Built once: a special night's pool is read for every couple that has it.
    private readonly Dictionary<(Slot, string), IReadOnlyList<Prompt>> bySpecial;

    private readonly IReadOnlyList<Prompt> everydayQuestions;
    private readonly IReadOnlyList<Prompt> everydayGestures;

    /// <summary>The prompt with this id, or null when the catalog no longer has it.</summary>
    public Prompt? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>Evening questions, in file order.</summary>
    public IReadOnlyList<Prompt> Questions { get; }

    /// <summary>Morning gesture ideas, in file order.</summary>
    public IReadOnlyList<Prompt> Gestures { get; }

    /// <summary>Short invitations to reply, appended to questions in turn.</summary>
    public IReadOnlyList<string> QuestionSuffixes { get; }

    /// <summary>Shorter asks for a mood word, for a partner who gives one most nights.</summary>
    public IReadOnlyList<string> ShortSuffixes { get; }

    /// <summary>The everyday rotation of a slot: every prompt not kept for a special night or day.</summary>
    public IReadOnlyList<Prompt> For(Slot slot) => slot == Slot.Morning ? everydayGestures : everydayQuestions;

    /// <summary>The prompts of a slot kept for <paramref name="special"/> (one of <see cref="Specials"/>).</summary>
    public IReadOnlyList<Prompt> For(Slot slot, string special) => bySpecial.GetValueOrDefault((slot, special), []);

    /// <summary>The catalog that ships with the app.</summary>
    public static PromptCatalog Load()
    {
        using var stream = typeof(PromptCatalog).Assembly.GetManifestResourceStream("HappyTogether.Content.Prompts.prompts.json")
            ?? throw new InvalidOperationException("The prompt catalog resource is missing from the build.");
        return WithTranslations(Parse(stream));
    }

    public static PromptCatalog Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<CatalogFile>(json, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The prompt catalog is empty.");
        var prompts = file.Prompts.Select(p => new Prompt(p.Id, p.Kind, p.Tags, p.Text)
        {
            Depth = Enum.Parse<Depth>(p.Depth ?? nameof(Depth.Light), ignoreCase: true),
            Setting = Enum.Parse<Setting>(p.Setting ?? nameof(Setting.Either), ignoreCase: true),
            OneSided = p.Sided is "one-sided",
            Days = p.Days?.Select(d => Enum.Parse<DayOfWeek>(d, ignoreCase: true)).ToHashSet(),
            LatestDay = p.LatestDay,
            Months = p.Months?.ToHashSet(),
            Special = p.Special,
            When = p.When is null ? null : PromptFit.Parse<Condition>(p.When, p.Id),
            Needs = (p.Needs ?? []).Select(n => PromptFit.Parse<Need>(n, p.Id)).ToHashSet(),
            For = p.For is null ? null : PromptFit.Parse<HouseholdKind>(p.For, p.Id),
            FollowUp = p.FollowUp,
        }).ToList();
        var unknownSpecial = prompts.FirstOrDefault(p => p.Special is not null && !Specials.All.Contains(p.Special));
        if (unknownSpecial is not null) throw new InvalidDataException($"Prompt {unknownSpecial.Id} has unknown special '{unknownSpecial.Special}'.");
        var unknown = prompts.FirstOrDefault(p => p.Kind is not (Prompt.Question or Prompt.Gesture));
        if (unknown is not null) throw new InvalidDataException($"Prompt {unknown.Id} has unknown kind '{unknown.Kind}'.");
        return new PromptCatalog(
            prompts.Where(p => p.Kind == Prompt.Question).ToList(),
            prompts.Where(p => p.Kind == Prompt.Gesture).ToList(),
            file.QuestionSuffixes,
            file.ShortSuffixes ?? []);
    }

    private sealed record CatalogFile(
        [property: JsonRequired] List<PromptEntry> Prompts,
        [property: JsonRequired] List<string> QuestionSuffixes,
        List<string>? ShortSuffixes);

    private sealed record PromptEntry(string Id, string Kind, List<string> Tags, string Text, string? Depth, string? Setting, string? Sided, List<string>? Days, int? LatestDay, List<int>? Months, string? Special,
        string? When, List<string>? Needs, string? For, string? FollowUp);
}
