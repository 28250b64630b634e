using System.Text.Json;
using System.Text.Json.Serialization;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Content.Recap;

/// <summary>What kind of week a recap speaks to, which picks its nudge.</summary>
public static class Situation
{
    /// <summary>Nobody checked in, as the recipient sees it (the other partner's withheld answers do not
    /// count).</summary>
    public const string Quiet = "quiet";

    /// <summary>Only one partner checked in.</summary>
    public const string Solo = "solo";

    /// <summary>The recipient's words leaned unpleasant: a listening suggestion naming their most frequent
    /// one.</summary>
    public const string Heavy = "heavy";

    /// <summary>Both checked in on five nights or more.</summary>
    public const string Strong = "strong";

    /// <summary>Both checked in this week, on fewer than five nights together.</summary>
    public const string Steady = "steady";
}

/// <summary>One nudge text from the data file.</summary>
public sealed record Nudge(string Id, string Situation, string Text);

/// <summary>The recap's nudges and care line, read from the data files shipped in this assembly: nudges.json, and
/// nudges.{language}.json with the same ids for each other language texts are written in.</summary>
public sealed class Nudges
{
    public const string WordPlaceholder = "{word}";

    private readonly Dictionary<string, (IReadOnlyList<Nudge> All, string Care)> languages;

    private Nudges(Dictionary<string, (IReadOnlyList<Nudge> All, string Care)> languages) => this.languages = languages;

    private (IReadOnlyList<Nudge> All, string Care) Current =>
        languages.TryGetValue(Languages.Current, out var texts) ? texts : languages[Languages.English];

    /// <summary>Every nudge, in the language texts are written in now (the same ids, in the same order, in
    /// each).</summary>
    public IReadOnlyList<Nudge> All => Current.All;

    /// <summary>The line pointing to a couples counsellor, a sentence of its own; <see
    /// cref="HappyTogetherOptions.CareResourceUrl"/> follows it when set.</summary>
    public string Care => Current.Care;

    public static Nudges Load()
    {
        var loaded = Languages.All.ToDictionary(l => l, l => Read(l == Languages.English ? "nudges.json" : $"nudges.{l}.json"));
        var english = loaded[Languages.English].All.Select(n => (n.Id, n.Situation)).ToList();
        foreach (var (language, texts) in loaded)
        {
            if (!texts.All.Select(n => (n.Id, n.Situation)).SequenceEqual(english))
                throw new InvalidDataException($"The {language} nudges do not have the English ids and situations, in order.");
        }
        return new Nudges(loaded);
    }

    private static (IReadOnlyList<Nudge> All, string Care) Read(string file)
    {
        using var stream = typeof(Nudges).Assembly.GetManifestResourceStream($"HappyTogether.Content.Recap.{file}")
            ?? throw new InvalidOperationException($"{file} is missing from the build.");
        var read = JsonSerializer.Deserialize<NudgesFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"{file} is empty.");
        // The care slot's budget is what lets the recap promise it always fits.
        if (read.Care.Length > RecapText.CareLineLength)
            throw new InvalidDataException($"The care line of {file} is longer than {RecapText.CareLineLength} characters.");
        return (read.Nudges, read.Care);
    }

    /// <summary>
    /// The nudge for a situation in a given week: the texts take turns week by week (offset per
    /// partner), so the same one never comes two weeks running.
    /// </summary>
    public Nudge Pick(string situation, DateOnly weekEnd, string partnerKey)
    {
        var candidates = All.Where(n => n.Situation == situation).ToList();
        if (candidates.Count == 0) throw new InvalidDataException($"No nudge for situation '{situation}'.");
        var week = weekEnd.DayNumber / 7 + (partnerKey == HappyTogether.Model.Couples.Couple.PartnerB ? 1 : 0);
        return candidates[week % candidates.Count];
    }

    private sealed record NudgesFile([property: JsonRequired] string Care, [property: JsonRequired] List<Nudge> Nudges);
}
