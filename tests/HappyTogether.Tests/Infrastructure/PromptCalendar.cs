using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>
/// Which dates a catalog prompt fits, judged by the test rather than by the product's Prompt.FitsOn:
/// the calendar rule as functions/HappyTogether/Content/Prompts/prompts.json writes it ("days" by name,
/// "months" by number, "latestDay" of the month), read here with a JSON reader of its own, and what
/// the text's own words promise ("this weekend" is not for a Sunday or a Monday, "before the month
/// ends" not for the last days of a month, "summer" and "winter" only in their months).
/// </summary>
public static partial class PromptCalendar
{
    private sealed record Rule(string Text, HashSet<string>? Days, HashSet<int>? Months, int? LatestDay);

    private static readonly Lazy<Dictionary<string, Rule>> Rules = new(Read);

    /// <summary>Whether the prompt with <paramref name="id"/> may reach someone on their local <paramref
    /// name="date"/>.</summary>
    public static bool Fits(string id, DateOnly date)
    {
        var rule = Rules.Value[id];
        var weekday = date.DayOfWeek.ToString().ToLowerInvariant();
        var byFile = (rule.Days is null || rule.Days.Contains(weekday))
            && (rule.Months is null || rule.Months.Contains(date.Month))
            && (rule.LatestDay is null || date.Day <= rule.LatestDay);
        var text = rule.Text.ToLowerInvariant();
        var byWords = !(text.Contains("this weekend") && weekday is "sunday" or "monday")
            && !(text.Contains("month ends") && date.Day > 25)
            && !(Summer().IsMatch(text) && date.Month is not (6 or 7 or 8))
            && !(Winter().IsMatch(text) && date.Month is not (12 or 1 or 2));
        return byFile && byWords;
    }

    /// <summary>Whether the file gives the prompt any calendar rule (so a year of picks can show it was met, not just
    /// never met).</summary>
    public static bool HasRule(string id) => Rules.Value[id] is { } r && (r.Days is not null || r.Months is not null || r.LatestDay is not null);

    /// <summary>Every prompt id in the file.</summary>
    public static IReadOnlyCollection<string> Ids => Rules.Value.Keys;

    private static Dictionary<string, Rule> Read()
    {
        var root = typeof(PromptCalendar).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "functions", "HappyTogether", "Content", "Prompts", "prompts.json")));
        return file.RootElement.GetProperty("prompts").EnumerateArray().ToDictionary(
            p => p.GetProperty("id").GetString()!,
            p => new Rule(
                p.GetProperty("text").GetString()!,
                p.TryGetProperty("days", out var days) ? days.EnumerateArray().Select(d => d.GetString()!.ToLowerInvariant()).ToHashSet() : null,
                p.TryGetProperty("months", out var months) ? months.EnumerateArray().Select(m => m.GetInt32()).ToHashSet() : null,
                p.TryGetProperty("latestDay", out var latest) ? latest.GetInt32() : null));
    }

    [GeneratedRegex(@"\bsummer")]
    private static partial Regex Summer();

    [GeneratedRegex(@"\bwinter")]
    private static partial Regex Winter();
}
