using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Entry.Inbound;

/// <summary>How clearly a text asks to stop all texts.</summary>
public enum StopRequest
{
    /// <summary>It does not ask to stop ("Stop by the bakery on your way home").</summary>
    None,

    /// <summary>A short text that only asks to stop ("stop please", "opt me out", "no more texts"): honored at
    /// once.</summary>
    Clear,

    /// <summary>A longer text that speaks of stopping the texts among other things: asked once to reply STOP.</summary>
    Unclear,
}

/// <summary>
/// Reads a request to stop written in a partner's own words, beside Twilio's single opt-out words
/// (the FCC accepts revocation "by any reasonable means"), in English, Spanish and French. The word
/// lists are data, in stop-requests.json.
/// </summary>
public static class StopRequests
{
    private static readonly Lists Words = Load();

    /// <summary>Whether <paramref name="letters"/> (a text's letters, as <see cref="Keywords.Letters"/> gives them) is
    /// a single stop word ("ALTO", "ARRET").</summary>
    public static bool IsStopWord(string letters) => Words.StopWords.Contains(letters.ToLowerInvariant());

    /// <summary>How clearly <paramref name="body"/> asks to stop.</summary>
    public static StopRequest Read(string? body)
    {
        var words = WordsOf(body);
        if (words.Count == 0) return StopRequest.None;
        var spaced = $" {string.Join(' ', words)} ";
        var strong = Words.Strong.Where(p => Holds(spaced, p)).ToList();
        var weak = Words.Weak.Where(p => Holds(spaced, p)).ToList();
        var messaging = words.Any(Words.MessagingWords.Contains);
        if (strong.Count == 0 && (weak.Count == 0 || !messaging)) return StopRequest.None;

        var asking = strong.Concat(weak).SelectMany(p => p.Split(' ')).ToHashSet(StringComparer.Ordinal);
        var onlyAsks = words.Count <= Words.MaxWords
            && words.All(w => asking.Contains(w) || Words.MessagingWords.Contains(w) || Words.AllowedWords.Contains(w));
        if (onlyAsks) return StopRequest.Clear;
        // "Stop by and pick me up" names no texts: only a word for the texts themselves makes a long text a likely
        // request.
        var namesTexts = words.Any(w => Words.MessagingWords.Contains(w) && !Words.LoneMessagingWords.Contains(w));
        return namesTexts || Words.SelfEvident.Any(p => Holds(spaced, p)) ? StopRequest.Unclear : StopRequest.None;
    }

    private static bool Holds(string spaced, string phrase) => spaced.Contains($" {phrase} ", StringComparison.Ordinal);

    // Lower-case ASCII words of the text, NFKC and accents folded ("Ｓｔｏｐ" is "stop", "más" is "mas");
    // apostrophes dropped ("don't" is "dont") except after a French elision ("m'envoyer" is "m envoyer").
    private static List<string> WordsOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return [];
        var text = Words.Elision.Replace(Normalized.Folded(body).Replace('\u2019', '\''), "$1 ").Replace("'", "");
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) : ' ');
        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static Lists Load()
    {
        using var stream = typeof(StopRequests).Assembly.GetManifestResourceStream("HappyTogether.Entry.Inbound.stop-requests.json")
            ?? throw new InvalidOperationException("The stop-request word lists are missing from the build.");
        var file = JsonSerializer.Deserialize<ListsFile>(stream, JsonSerializerOptions.Web);
        if (file?.Languages is not { Count: > 0 } languages) throw new InvalidDataException("The stop-request word lists are empty.");
        HashSet<string> All(Func<Language, IEnumerable<string>> list) => languages.Values.SelectMany(list).ToHashSet(StringComparer.Ordinal);
        var stopWords = All(l => l.StopWords);
        var elisions = string.Join('|', file.Elisions.Select(Regex.Escape));
        return new Lists(
            file.MaxWords,
            stopWords,
            [.. stopWords, .. All(l => l.StopPhrases)],
            [.. All(l => l.WeakStopWords)],
            All(l => l.MessagingWords),
            All(l => l.LoneMessagingWords),
            [.. All(l => l.SelfEvidentWords)],
            All(l => l.AllowedWords),
            new Regex($@"\b({elisions})'(?=\p{{L}})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
    }

    private sealed record ListsFile(int MaxWords, List<string> Elisions, Dictionary<string, Language> Languages);

    private sealed record Language(
        List<string> StopWords,
        List<string> StopPhrases,
        List<string> WeakStopWords,
        List<string> MessagingWords,
        List<string> LoneMessagingWords,
        List<string> SelfEvidentWords,
        List<string> AllowedWords);

    /// <summary>Every language's lists merged; <see cref="Strong"/>, <see cref="Weak"/> and <see cref="SelfEvident"/>
    /// hold words and phrases.</summary>
    private sealed record Lists(
        int MaxWords,
        HashSet<string> StopWords,
        List<string> Strong,
        List<string> Weak,
        HashSet<string> MessagingWords,
        HashSet<string> LoneMessagingWords,
        List<string> SelfEvident,
        HashSet<string> AllowedWords,
        Regex Elision);
}
