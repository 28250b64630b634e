using System.Text.Json;
using System.Text.Json.Serialization;

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

/// <summary>The recap's nudges and care line, read from the data file shipped in this assembly.</summary>
public sealed class Nudges
{
    public const string WordPlaceholder = "{word}";

    private Nudges(IReadOnlyList<Nudge> all, string care)
    {
        All = all;
        Care = care;
    }

    public IReadOnlyList<Nudge> All { get; }

    /// <summary>The line pointing to a couples counsellor, a sentence of its own; <see
    /// cref="HappyTogetherOptions.CareResourceUrl"/> follows it when set.</summary>
    public string Care { get; }

    public static Nudges Load()
    {
        using var stream = typeof(Nudges).Assembly.GetManifestResourceStream("HappyTogether.Content.Recap.nudges.json")
            ?? throw new InvalidOperationException("The nudges resource is missing from the build.");
        var file = JsonSerializer.Deserialize<NudgesFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The nudges file is empty.");
        // The care slot's budget is what lets the recap promise it always fits.
        if (file.Care.Length > RecapText.CareLineLength)
            throw new InvalidDataException($"The care line is longer than {RecapText.CareLineLength} characters.");
        return new Nudges(file.Nudges, file.Care);
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
