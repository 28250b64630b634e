using System.Collections.Concurrent;
using System.Text.Json;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Foundation.Moods;

/// <summary>
/// A mood as texts name it: stored as the lexicon's canonical feeling ("tired"), shown in the language of whoever
/// reads it, from moods.{language}.json ("cansancio", a form that does not depend on who feels it).
/// </summary>
public static class MoodNames
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The word for <paramref name="canonical"/> in the language texts are written in now.</summary>
    public static string Of(string canonical)
    {
        var language = Languages.Current;
        if (language == Languages.English) return canonical;
        return Loaded.GetOrAdd(language, Load).GetValueOrDefault(canonical, canonical);
    }

    /// <summary>A mood as read in a reply: as written when the partner gave it in another language than English
    /// ("cansada"), else its name in the language texts are written in now.</summary>
    public static string Of(MoodWord mood) => mood.Written ?? Of(mood.Word);

    /// <summary>A stored mood: as written (<paramref name="written"/>) when it was given in another language, else its
    /// name in the language texts are written in now.</summary>
    public static string Of(string canonical, string? written) => written ?? Of(canonical);

    private static IReadOnlyDictionary<string, string> Load(string language)
    {
        using var stream = typeof(MoodNames).Assembly.GetManifestResourceStream($"HappyTogether.Foundation.Moods.moods.{language}.json")
            ?? throw new InvalidOperationException($"moods.{language}.json is missing from the build.");
        return JsonSerializer.Deserialize<NamesFile>(stream, JsonSerializerOptions.Web)?.Words
            ?? throw new InvalidDataException($"moods.{language}.json has no words.");
    }

    private sealed record NamesFile(Dictionary<string, string> Words);
}
