namespace HappyTogether.Foundation.Moods;

/// <summary>
/// Finds the feeling a misspelt word was meant to be: one letter added, dropped or changed, or two
/// letters swapped ("tird", "exausted", "anxoius"). A word in the English word list is never a typo.
/// </summary>
internal sealed class Typos
{
    private const int MinLetters = 4;
    private const int MinLongerLetters = 5;

    private readonly string[] keys;
    private readonly int[] keyWord;
    private readonly HashSet<string> english;
    // Symmetric delete index: each key and each of its one-letter deletions, to the key ids (lowest first,
    // i.e. first in the file). A word is one edit from a key only if the word or one of its deletions is
    // in here, so a lookup costs about one probe per letter instead of one comparison per key.
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> neighbours;
    private readonly int maxLength;

    public Typos(IEnumerable<(string Key, int Word)> entries, HashSet<string> englishWords)
    {
        var list = entries.Where(e => e.Key.Length >= MinLetters && e.Key.All(char.IsAsciiLetterLower)).ToList();
        keys = list.Select(e => e.Key).ToArray();
        keyWord = list.Select(e => e.Word).ToArray();
        english = englishWords;
        maxLength = keys.Length == 0 ? 0 : keys.Max(k => k.Length);
        var deletions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var id = 0; id < keys.Length; id++)
        {
            var key = keys[id];
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

    /// <summary>Whether the word is in the English word list.</summary>
    public bool IsEnglish(string word) => english.Contains(word);

    /// <summary>The canonical word the typo stands for, or -1. Does not look at the English list.</summary>
    public int Find(string word)
    {
        if (word.Length < MinLetters || word.Length > maxLength + 1 || !word.All(char.IsAsciiLetterLower)) return -1;
        var best = Consider(word, word, int.MaxValue);
        Span<char> buffer = stackalloc char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            word.AsSpan(0, i).CopyTo(buffer);
            word.AsSpan(i + 1).CopyTo(buffer[i..]);
            best = Consider(buffer[..(word.Length - 1)], word, best);
        }
        return best == int.MaxValue ? -1 : keyWord[best];
    }

    private int Consider(ReadOnlySpan<char> probe, string word, int best)
    {
        if (!neighbours.TryGetValue(probe, out var ids)) return best;
        foreach (var id in ids)
        {
            if (id >= best) break;
            var key = keys[id];
            // Two four-letter words one letter apart are too often two different words ("fine", "fire").
            if (Math.Max(key.Length, word.Length) < MinLongerLetters) continue;
            if (IsOneEdit(word, key)) return id;
        }
        return best;
    }

    // One insertion, deletion, substitution or swap of neighbouring letters.
    private static bool IsOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length) return IsOneEdit(b, a);
        var prefix = a.CommonPrefixLength(b);
        return (a.Length - b.Length) switch
        {
            0 => prefix < a.Length && (a[(prefix + 1)..].SequenceEqual(b[(prefix + 1)..])
                || (prefix + 1 < a.Length && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix] && a[(prefix + 2)..].SequenceEqual(b[(prefix + 2)..]))),
            1 => a[(prefix + 1)..].SequenceEqual(b[prefix..]),
            _ => false,
        };
    }
}
