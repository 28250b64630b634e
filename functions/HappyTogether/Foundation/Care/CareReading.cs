using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Foundation.Care;

/// <summary>
/// Reads whether a partner's text signals distress (hopelessness, wanting to die, self-harm) or fear of
/// their partner, from the phrases in care.json (English and Spanish). Phrases match the text folded:
/// lowercase, without accents or apostrophes, every run of other characters one space ("I'm scared of
/// him!!" is "im scared of him"), so they are written once for typed and untyped accents. Safety wins
/// over distress: a text that says both is never shown to the partner. A turn of phrase that is only
/// hyperbole when joked about ("that meeting made me want to die lol") is blanked out when the text jokes
/// ("lol", "jaja", 😂) and does not say it means it ("not joking", "en serio").
/// </summary>
public sealed class CareReading
{
    private const string ResourceName = "HappyTogether.Foundation.Care.care.json";

    private readonly Regex distress;
    private readonly Regex safety;
    private readonly Regex harmless;
    private readonly Regex harmlessWhenJoking;
    private readonly Regex joking;
    private readonly Regex earnest;
    private readonly IReadOnlyList<string> jokingEmoji;
    private readonly HashSet<string> distressWords;

    private CareReading(CareFile file)
    {
        // A name may use the names before it ("{partner}" is "him|them|my (?:{rel})").
        var macros = new Dictionary<string, string>();
        foreach (var (name, value) in file.Names ?? new Dictionary<string, string>())
            macros[name] = Expand(value, macros);
        distress = Compile(file.Distress, macros);
        safety = Compile(file.Safety, macros);
        harmless = Compile(file.Harmless, macros);
        harmlessWhenJoking = Compile(file.HarmlessWhenJoking ?? [], macros);
        joking = Compile(file.Joking ?? [], macros);
        earnest = Compile(file.Earnest ?? [], macros);
        jokingEmoji = file.JokingEmoji ?? [];
        distressWords = file.DistressWords.Select(Fold).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The rules shipped with the app.</summary>
    public static CareReading Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {ResourceName}.");
        var file = JsonSerializer.Deserialize<CareFile>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("care.json is empty.");
        return new CareReading(file);
    }

    /// <summary>What <paramref name="text"/> signals; <see cref="CareSignal.None"/> for anything else.</summary>
    public CareSignal Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return CareSignal.None;
        // Harmless turns of phrase ("she beat me at chess", "dying to see you") are blanked out first, so
        // the phrases below never see them.
        var whole = " " + Fold(text) + " ";
        var folded = harmless.Replace(whole, " | ");
        // Hyperbole said as a joke ("my wife would strangle me if i snored lol"), unless the text says it is not one.
        if ((joking.IsMatch(whole) || jokingEmoji.Any(text.Contains)) && !earnest.IsMatch(whole))
            folded = harmlessWhenJoking.Replace(folded, " | ");
        if (safety.IsMatch(folded)) return CareSignal.Safety;
        if (distress.IsMatch(folded)) return CareSignal.Distress;
        // A single word sent as the whole text, or as its mood word ("long day. hopeless").
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && distressWords.Contains(words[^1]) ? CareSignal.Distress : CareSignal.None;
    }

    /// <summary>The text as the phrases are written: lowercase, no accents, no apostrophes, words one space apart.</summary>
    public static string Fold(string text)
    {
        var folded = Normalized.Folded(text).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (c is '\'' or '\u2019' or '\u2018' or '`') continue;
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0) builder.Append(' ');
                builder.Append(c);
                space = false;
            }
            else space = true;
        }
        return builder.ToString();
    }

    // A phrase may name a group of words kept once in "names" ("{partner}" for "him|her|my wife|...").
    private static Regex Compile(IEnumerable<string> phrases, IReadOnlyDictionary<string, string> names)
    {
        // No phrase matches nothing rather than everything.
        var expanded = phrases.Select(p => Expand(p, names)).DefaultIfEmpty("(?!)");
        return new(@"(?<![a-z0-9])(?:" + string.Join('|', expanded.Select(p => $"(?:{p})")) + @")(?![a-z0-9])",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
    }

    private static string Expand(string phrase, IReadOnlyDictionary<string, string> names) =>
        names.Aggregate(phrase, (s, n) => s.Replace("{" + n.Key + "}", $"(?:{n.Value})"));

    private sealed record CareFile(
        IReadOnlyDictionary<string, string>? Names, IReadOnlyList<string> Distress, IReadOnlyList<string> Safety,
        IReadOnlyList<string> Harmless, IReadOnlyList<string> DistressWords, IReadOnlyList<string>? HarmlessWhenJoking,
        IReadOnlyList<string>? Joking, IReadOnlyList<string>? JokingEmoji, IReadOnlyList<string>? Earnest);
}
