using System.Text.Json;
using System.Text.Json.Serialization;

namespace HappyTogether.Moods;

/// <summary>The feelings lexicon, and the matcher that finds the mood word in a free-text reply.</summary>
public sealed class MoodLexicon
{
    private const string ResourceName = "HappyTogether.Moods.lexicon.json";
    private const int MinFuzzyLetters = 5;
    private const int MaxUnrecognisedLength = 20;

    private readonly string[] words;
    private readonly (int Pleasantness, int Energy)[] values;
    private readonly Dictionary<string, int> canonical;
    // Canonical words and aliases (lowercase) to the index of their canonical word.
    private readonly Dictionary<string, int> exact;
    // Emoji as written in the file and with variation selectors removed, to the canonical word index.
    private readonly Dictionary<string, int> emoji;
    // Fuzzy keys (words and aliases of 5+ letters) in file order, so the lowest id is the first in the file.
    private readonly string[] fuzzyKeys;
    private readonly int[] fuzzyWord;
    // Symmetric delete index: each fuzzy key and each of its one-letter deletions, to the fuzzy key ids.
    // A word is one edit from a key only if the word or one of its deletions is in here, so a lookup costs
    // about one probe per letter of the word instead of one distance computation per lexicon entry.
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> neighbours;
    private readonly int maxFuzzyLength;

    // Everyday words one letter away from a feeling ("kissed", "night"): the typo pass leaves them alone.
    private readonly HashSet<string> notTypos;

    private MoodLexicon(LexiconFile file)
    {
        var count = file.Words.Count;
        notTypos = new HashSet<string>(file.NotTypos ?? [], StringComparer.Ordinal);
        words = new string[count];
        values = new (int, int)[count];
        canonical = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        exact = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<(string Key, int Word)>();

        for (var i = 0; i < count; i++)
        {
            var entry = file.Words[i];
            var word = Normalise(entry.Word);
            if (word.Length == 0) throw new InvalidDataException($"Lexicon entry {i} has no word.");
            CheckValue(word, "pleasantness", entry.Pleasantness);
            CheckValue(word, "energy", entry.Energy);
            words[i] = word;
            values[i] = (entry.Pleasantness, entry.Energy);
            canonical[word] = i;
            foreach (var key in (IEnumerable<string>)[word, .. (entry.Aliases ?? []).Select(Normalise)])
            {
                if (key.Length == 0) throw new InvalidDataException($"Lexicon word '{word}' has an empty alias.");
                if (!exact.TryAdd(key, i))
                    throw new InvalidDataException($"Lexicon key '{key}' appears twice.");
                if (key.Length >= MinFuzzyLetters) keys.Add((key, i));
            }
        }

        emoji = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (symbol, target) in file.Emoji)
        {
            if (!canonical.TryGetValue(Normalise(target), out var word))
                throw new InvalidDataException($"Emoji {symbol} maps to '{target}', which is not a lexicon word.");
            emoji.TryAdd(symbol, word);
            emoji.TryAdd(ReplyTokens.WithoutVariationSelectors(symbol), word);
        }

        fuzzyKeys = keys.Select(k => k.Key).ToArray();
        fuzzyWord = keys.Select(k => k.Word).ToArray();
        maxFuzzyLength = fuzzyKeys.Length == 0 ? 0 : fuzzyKeys.Max(k => k.Length);
        var deletions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var id = 0; id < fuzzyKeys.Length; id++)
        {
            var key = fuzzyKeys[id];
            Add(key, id);
            for (var i = 0; i < key.Length; i++) Add(string.Concat(key.AsSpan(0, i), key.AsSpan(i + 1)), id);
        }
        neighbours = deletions.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

        void Add(string text, int id)
        {
            if (!deletions.TryGetValue(text, out var ids)) deletions[text] = ids = [];
            // Keys with a doubled letter yield the same deletion twice.
            if (ids.Count == 0 || ids[^1] != id) ids.Add(id);
        }
    }

    /// <summary>Number of canonical words (aliases not counted).</summary>
    public int Count => words.Length;

    /// <summary>The lexicon that ships with the app.</summary>
    public static MoodLexicon Load()
    {
        using var stream = typeof(MoodLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The mood lexicon resource is missing from the build.");
        return Parse(stream);
    }

    /// <summary>Reads a lexicon file; throws <see cref="InvalidDataException"/> when the data is inconsistent.</summary>
    public static MoodLexicon Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<LexiconFile>(json, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The mood lexicon is empty.");
        return new MoodLexicon(file);
    }

    /// <summary>The values of a canonical word (case-insensitive); false for aliases and unknown words.</summary>
    public bool TryGet(string canonicalWord, out (int Pleasantness, int Energy) values)
    {
        if (canonicalWord is not null && canonical.TryGetValue(canonicalWord.Trim(), out var index))
        {
            values = this.values[index];
            return true;
        }
        values = default;
        return false;
    }

    /// <summary>The mood word of a reply: first exact word/alias/emoji, else first one-letter typo, else the first word unrecognised.</summary>
    public MoodWord? Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var tokens = ReplyTokens.Tokenise(text);

        foreach (var token in tokens)
        {
            var index = token.IsWord ? (exact.TryGetValue(token.Text, out var w) ? w : -1) : EmojiIndex(token.Text);
            if (index >= 0) return Recognised(index);
        }

        foreach (var token in tokens)
        {
            if (!token.IsWord) continue;
            var index = FuzzyIndex(token.Text);
            if (index >= 0) return Recognised(index);
        }

        var first = tokens.FirstOrDefault(t => t.IsWord) ?? tokens.FirstOrDefault();
        return first is null ? null : new MoodWord(Cut(first.Text), Recognised: false, 0, 0);
    }

    private MoodWord Recognised(int index) => new(words[index], Recognised: true, values[index].Pleasantness, values[index].Energy);

    private int EmojiIndex(string element)
    {
        if (emoji.TryGetValue(element, out var index)) return index;
        var bare = ReplyTokens.WithoutVariationSelectors(element);
        if (emoji.TryGetValue(bare, out index)) return index;
        // Skin tones do not change the feeling; an unmapped ZWJ sequence (e.g. a gendered 🧘‍♀️) keeps its base's.
        var untoned = ReplyTokens.WithoutSkinTones(bare);
        if (emoji.TryGetValue(untoned, out index)) return index;
        var joiner = untoned.IndexOf('\u200D');
        return joiner > 0 && emoji.TryGetValue(untoned[..joiner], out index) ? index : -1;
    }

    private int FuzzyIndex(string word)
    {
        var letters = word.Length - word.AsSpan().Count('\'');
        if (notTypos.Contains(word)) return -1;
        if (letters < MinFuzzyLetters || word.Length > maxFuzzyLength + 1) return -1;

        var best = Consider(word, word, int.MaxValue);
        Span<char> buffer = stackalloc char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            word.AsSpan(0, i).CopyTo(buffer);
            word.AsSpan(i + 1).CopyTo(buffer[i..]);
            best = Consider(buffer[..(word.Length - 1)], word, best);
        }
        return best == int.MaxValue ? -1 : fuzzyWord[best];
    }

    // Candidates share a deletion with the word; only a real single edit counts (not a transposition).
    private int Consider(ReadOnlySpan<char> probe, string word, int best)
    {
        if (!neighbours.TryGetValue(probe, out var ids)) return best;
        foreach (var id in ids)
        {
            if (id >= best) break;
            if (IsOneEdit(word, fuzzyKeys[id])) return id;
        }
        return best;
    }

    private static bool IsOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length) return IsOneEdit(b, a);
        var prefix = a.CommonPrefixLength(b);
        return (a.Length - b.Length) switch
        {
            0 => prefix < a.Length && a[(prefix + 1)..].SequenceEqual(b[(prefix + 1)..]),
            1 => a[(prefix + 1)..].SequenceEqual(b[prefix..]),
            _ => false,
        };
    }

    // Cut without splitting a surrogate pair, so the stored word is always valid UTF-16.
    private static string Cut(string text)
    {
        if (text.Length <= MaxUnrecognisedLength) return text;
        var length = char.IsHighSurrogate(text[MaxUnrecognisedLength - 1]) ? MaxUnrecognisedLength - 1 : MaxUnrecognisedLength;
        return text[..length];
    }

    private static string Normalise(string? key) => (key ?? "").Trim().ToLowerInvariant();

    private static void CheckValue(string word, string name, int value)
    {
        if (value is 0 or < -5 or > 5)
            throw new InvalidDataException($"Lexicon word '{word}' has {name} {value}; expected -5..5 and not 0.");
    }

    private sealed record LexiconFile(
        [property: JsonRequired] List<WordEntry> Words,
        [property: JsonRequired] Dictionary<string, string> Emoji,
        List<string>? NotTypos);

    private sealed record WordEntry(
        [property: JsonRequired] string Word,
        [property: JsonRequired] int Pleasantness,
        [property: JsonRequired] int Energy,
        List<string>? Aliases);
}
