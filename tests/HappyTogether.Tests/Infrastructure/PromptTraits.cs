using System.Reflection;
using System.Text.Json;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>
/// What prompts.json says of each prompt beyond its calendar, read with a JSON reader of the test's own (not the
/// product's catalog): its tags, whether it is one-sided, its condition ("when"), what it needs of a household
/// ("needs"), the one household it is written for ("for"), its special night, and whether it has a follow-up.
/// </summary>
public static class PromptTraits
{
    public sealed record Traits(
        string Id, string Kind, IReadOnlySet<string> Tags, bool OneSided, string? When, IReadOnlySet<string> Needs, string? For, string? Special, string? Depth, bool HasFollowUp)
    {
        public bool IsSkill => Tags.Any(t => t.StartsWith("skill:", StringComparison.Ordinal));

        public bool IsRepair => Tags.Contains("repair");
    }

    private static readonly Lazy<Dictionary<string, Traits>> All = new(Read);

    public static Traits Of(string id) => All.Value[id];

    public static IReadOnlyCollection<Traits> Every => All.Value.Values;

    private static Dictionary<string, Traits> Read()
    {
        var root = typeof(PromptTraits).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "functions", "HappyTogether", "Content", "Prompts", "prompts.json")));
        static string? Text(JsonElement p, string name) => p.TryGetProperty(name, out var v) ? v.GetString() : null;
        static HashSet<string> List(JsonElement p, string name) =>
            p.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(e => e.GetString()!).ToHashSet() : [];
        return file.RootElement.GetProperty("prompts").EnumerateArray().Select(p => new Traits(
                Text(p, "id")!, Text(p, "kind")!, List(p, "tags"), Text(p, "sided") == "one-sided", Text(p, "when"), List(p, "needs"),
                Text(p, "for"), Text(p, "special"), Text(p, "depth"), p.TryGetProperty("followUp", out _)))
            .ToDictionary(t => t.Id);
    }
}
