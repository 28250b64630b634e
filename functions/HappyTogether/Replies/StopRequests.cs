using System.Text;
using System.Text.Json;
using HappyTogether.Text;

namespace HappyTogether.Replies;

/// <summary>How clearly a text asks to stop all texts.</summary>
public enum StopRequest
{
    /// <summary>It does not ask to stop ("Stop by the bakery on your way home").</summary>
    None,

    /// <summary>A short text that only asks to stop ("stop please", "opt me out", "no more texts"): honoured at once.</summary>
    Clear,

    /// <summary>A longer text that speaks of stopping the texts among other things: asked once to reply STOP.</summary>
    Unclear,
}

/// <summary>
/// Reads a request to stop written in a partner's own words, beside Twilio's single opt-out words
/// (the FCC accepts revocation "by any reasonable means"). The word lists are data, in stop-requests.json.
/// </summary>
public static class StopRequests
{
    private static readonly Lists Words = Load();

    /// <summary>How clearly <paramref name="body"/> asks to stop.</summary>
    public static StopRequest Read(string? body)
    {
        var words = WordsOf(body);
        if (words.Count == 0) return StopRequest.None;
        var spaced = $" {string.Join(' ', words)} ";
        var phrases = Words.StopPhrases.Where(p => spaced.Contains($" {p} ", StringComparison.Ordinal)).ToList();
        var messaging = words.Any(Words.MessagingWords.Contains);
        var strong = words.Any(Words.StopWords.Contains) || phrases.Count > 0;
        var weak = words.Any(Words.WeakStopWords.Contains) && messaging;
        if (!strong && !weak) return StopRequest.None;

        var phraseWords = phrases.SelectMany(p => p.Split(' ')).ToHashSet(StringComparer.Ordinal);
        var onlyAsks = words.Count <= Words.MaxWords && words.All(w =>
            Words.StopWords.Contains(w) || Words.WeakStopWords.Contains(w) || Words.MessagingWords.Contains(w)
            || Words.AllowedWords.Contains(w) || phraseWords.Contains(w));
        if (onlyAsks) return StopRequest.Clear;
        // "Stop by and pick me up" names no texts: only a word for the texts themselves makes a long text a likely request.
        var namesTexts = words.Any(w => Words.MessagingWords.Contains(w) && !Words.LoneMessagingWords.Contains(w));
        return namesTexts || words.Contains("unsubscribe") || words.Contains("optout") ? StopRequest.Unclear : StopRequest.None;
    }

    // Lower-case ASCII words of the text after NFKC ("Ｓｔｏｐ" is "stop"); apostrophes dropped ("don't" is "dont").
    private static List<string> WordsOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return [];
        var text = Normalised.Nfkc(body).Replace("'", "").Replace("\u2019", "");
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) : ' ');
        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static Lists Load()
    {
        using var stream = typeof(StopRequests).Assembly.GetManifestResourceStream("HappyTogether.Replies.stop-requests.json")
            ?? throw new InvalidOperationException("The stop-request word lists are missing from the build.");
        return JsonSerializer.Deserialize<Lists>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The stop-request word lists are empty.");
    }

    private sealed record Lists(
        int MaxWords,
        HashSet<string> StopWords,
        List<string> StopPhrases,
        HashSet<string> WeakStopWords,
        HashSet<string> MessagingWords,
        HashSet<string> LoneMessagingWords,
        HashSet<string> AllowedWords);
}
