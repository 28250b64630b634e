using System.Text.Json;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// Reads what a partner says about their household ("we live apart, 2 kids, no spending") into the facets HOME sets,
/// from the phrases in home-words.en.json: the longest phrase at each word wins, and words that are neither a
/// phrase's nor a filler are counted, so a reply that is really about something else is not taken for one.
/// </summary>
public sealed class HomeWords
{
    private readonly List<(string[] Words, string Facet)> phrases;
    private readonly HashSet<string> fillers;

    private HomeWords(Dictionary<string, List<string>> facets, IEnumerable<string> fillers)
    {
        phrases = facets.SelectMany(f => f.Value.Select(p => (Fold(p).Split(' '), f.Key))).OrderByDescending(p => p.Item1.Length).ToList();
        this.fillers = fillers.Select(Fold).ToHashSet();
    }

    /// <summary>What a text says: the facets it names, in order, and how many of its words are neither a phrase's nor a
    /// filler.</summary>
    public (IReadOnlyList<string> Facets, int Unknown) Read(string? text)
    {
        var words = Normalized.Folded(text ?? "").ToLowerInvariant().Split([' ', ',', '.', ';', '&', '+', '/', '!', '\n', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsAsciiLetterOrDigit).ToArray())).Where(w => w.Length > 0).ToArray();
        var facets = new List<string>();
        var unknown = 0;
        for (var i = 0; i < words.Length;)
        {
            var match = phrases.FirstOrDefault(p => i + p.Words.Length <= words.Length && p.Words.SequenceEqual(words[i..(i + p.Words.Length)]));
            if (match.Words is not null)
            {
                facets.Add(match.Facet);
                i += match.Words.Length;
                continue;
            }
            if (!fillers.Contains(words[i]) && !words[i].All(char.IsAsciiDigit)) unknown++;
            i++;
        }
        return (facets, unknown);
    }

    /// <summary>The household after <paramref name="facets"/>: each says one thing, later ones win, the rest stays as
    /// it was.</summary>
    public static Household Apply(Household home, IEnumerable<string> facets) => facets.Aggregate(home, (h, facet) => facet switch
    {
        "together" => h with { LivesApart = false },
        "apart" => h with { LivesApart = true },
        "kids" => h with { Kids = true },
        "no-kids" => h with { Kids = false },
        "no-spending" => h with { NoSpending = true },
        "spending-ok" => h with { NoSpending = false },
        "no-walks" => h with { NoLongWalks = true },
        "walks-ok" => h with { NoLongWalks = false },
        _ => h,
    });

    /// <summary>The facets the data may name: a facet the code does not apply fails at start-up.</summary>
    private static readonly HashSet<string> Known = ["together", "apart", "kids", "no-kids", "no-spending", "spending-ok", "no-walks", "walks-ok"];

    private static string Fold(string phrase) => Normalized.Folded(phrase).ToLowerInvariant();

    /// <summary>The phrases of every language (home-words.{language}.json), shipped inside this assembly: a partner
    /// may say it in any of them.</summary>
    public static HomeWords Load()
    {
        var facets = new Dictionary<string, List<string>>();
        var fillers = new List<string>();
        foreach (var language in Languages.All)
        {
            var name = $"home-words.{language}.json";
            using var stream = typeof(HomeWords).Assembly.GetManifestResourceStream($"HappyTogether.Entry.Inbound.{name}")
                ?? throw new InvalidOperationException($"{name} is missing from the build.");
            var file = JsonSerializer.Deserialize<WordsFile>(stream, JsonSerializerOptions.Web) ?? throw new InvalidDataException($"{name} is empty.");
            if (file.Facets.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
                throw new InvalidDataException($"{name} names the unknown facet '{unknown}'.");
            foreach (var (facet, phrases) in file.Facets)
            {
                if (!facets.TryGetValue(facet, out var all)) facets[facet] = all = [];
                all.AddRange(phrases);
            }
            fillers.AddRange(file.Fillers);
        }
        return new HomeWords(facets, fillers);
    }

    private sealed record WordsFile(Dictionary<string, List<string>> Facets, List<string> Fillers);
}
