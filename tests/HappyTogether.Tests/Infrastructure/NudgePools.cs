using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>
/// The recap's nudge pools as the test reads them from functions/HappyTogether/Content/Recap/nudges.json
/// itself (not through the product's Nudges class): each situation's texts, and which of them a
/// recap carries. A "{word}" in a text stands for any quoted word.
/// </summary>
public static class NudgePools
{
    /// <summary>A nudge line found in a recap: its pool, its id in the file, and the word quoted in place of "{word}"
    /// (or null).</summary>
    public sealed record Found(string Situation, string Id, string? Word);

    private sealed record Line(string Situation, string Id, Regex Pattern);

    private static readonly Lazy<IReadOnlyList<Line>> Lines = new(Read);

    /// <summary>Situation name to its pool's ids, in file order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Pools =>
        Lines.Value.GroupBy(l => l.Situation).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(l => l.Id).ToList());

    /// <summary>Every nudge line of every pool that <paramref name="recap"/> contains.</summary>
    public static List<Found> In(string recap) =>
        Lines.Value.Select(l => (l, m: l.Pattern.Match(recap))).Where(x => x.m.Success)
            .Select(x => new Found(x.l.Situation, x.l.Id, x.m.Groups["word"].Success ? x.m.Groups["word"].Value : null)).ToList();

    /// <summary>The one nudge line <paramref name="recap"/> carries; fails unless there is exactly one, from the pool
    /// of <paramref name="situation"/>.</summary>
    public static Found Single(string recap, string situation)
    {
        var found = In(recap);
        Assert.True(found.Count == 1 && found[0].Situation == situation,
            $"Expected one nudge from the '{situation}' pool, found [{string.Join(", ", found.Select(f => $"{f.Id} ({f.Situation})"))}] in: {recap}");
        return found[0];
    }

    private static IReadOnlyList<Line> Read()
    {
        var root = typeof(NudgePools).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "functions", "HappyTogether", "Content", "Recap", "nudges.json")));
        return file.RootElement.GetProperty("nudges").EnumerateArray().Select(n =>
        {
            var text = n.GetProperty("text").GetString()!;
            var pattern = string.Join("(?<word>[^\"]+)", text.Split("{word}").Select(Regex.Escape));
            return new Line(n.GetProperty("situation").GetString()!, n.GetProperty("id").GetString()!, new Regex(pattern, RegexOptions.CultureInvariant));
        }).ToList();
    }
}
