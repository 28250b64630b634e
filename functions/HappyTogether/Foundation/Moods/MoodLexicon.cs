using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace HappyTogether.Foundation.Moods;

/// <summary>The feelings lexicon (words, other languages, emoji, emoticons, phrases) and the reader that finds the mood
/// word in a reply.</summary>
public sealed class MoodLexicon
{
    private const string ResourceName = "HappyTogether.Foundation.Moods.lexicon.json";
    private const string WordListName = "HappyTogether.Foundation.Moods.english-words.txt";

    private readonly string[] words;
    private readonly (int Pleasantness, int Energy)[] values;
    // What each word reads as after "not"; -1 when a negated word names no mood ("not tired").
    private readonly int[] negatedAs;
    private readonly Dictionary<string, int> canonical;
    private readonly Dictionary<string, Entry> exact;
    private readonly Dictionary<string, int> emoji;
    private readonly Dictionary<string, int> emoticons;
    private readonly Dictionary<string, Phrase[]> phrases;
    private readonly Typos typos;

    private MoodLexicon(LexiconFile file, HashSet<string> english)
    {
        var count = file.Words.Count;
        words = new string[count];
        values = new (int, int)[count];
        canonical = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        exact = new Dictionary<string, Entry>(StringComparer.Ordinal);

        for (var i = 0; i < count; i++)
        {
            var entry = file.Words[i];
            var word = Normalize(entry.Word);
            if (word.Length == 0) throw new InvalidDataException($"Lexicon entry {i} has no word.");
            CheckValue(word, "pleasantness", entry.Pleasantness);
            CheckValue(word, "energy", entry.Energy);
            words[i] = word;
            values[i] = (entry.Pleasantness, entry.Energy);
            canonical[word] = i;
            foreach (var key in (IEnumerable<string>)[word, .. (entry.Aliases ?? []).Select(Normalize)]) AddKey(key, i, foreign: false);
        }
        foreach (var (language, aliases) in file.Languages ?? [])
            foreach (var (target, keys) in aliases)
                foreach (var key in keys) AddKey(Normalize(key), Word(target, $"language {language}"), foreign: true);

        negatedAs = new int[count];
        for (var i = 0; i < count; i++)
            negatedAs[i] = file.Words[i].Negated is { } negated ? Word(negated, $"'{words[i]}' negated") : -1;

        emoji = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (symbol, target) in file.Emoji)
        {
            var word = Word(target, $"emoji {symbol}");
            emoji.TryAdd(symbol, word);
            emoji.TryAdd(ReplyTokens.WithoutVariationSelectors(symbol), word);
        }
        emoticons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (face, target) in file.Emoticons ?? []) emoticons[face] = Word(target, $"emoticon {face}");
        EmoticonPattern = Faces(emoticons.Keys);

        phrases = (file.Phrases ?? [])
            .Select(p => new Phrase(
                ReplyTokens.Tokenise(p.Text).Select(t => t.Text.Replace("'", "")).ToArray(),
                ReplyTokens.Tokenise(p.Text).Select(t => t.Joined).ToArray(),
                p.Word is null ? -1 : Word(p.Word, $"phrase '{p.Text}'"),
                p.Negated is null ? -1 : Word(p.Negated, $"phrase '{p.Text}' negated"),
                p.Alone,
                p.Weak))
            .GroupBy(p => p.Words[0])
            // Longest first, and a hyphenated form ("so-so") before the same words spaced ("so so").
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Length).ThenByDescending(p => p.Joined.Count(j => j)).ToArray(), StringComparer.Ordinal);

        Reading = new ReadingRules(file.Reading ?? throw new InvalidDataException("The lexicon has no reading rules."));
        // A typo goes to a canonical word before an alias ("tried" is tired, not the slang "fried"), each in file
        // order.
        typos = new Typos(
            exact.Where(e => !e.Value.Foreign).OrderBy(e => e.Key == words[e.Value.Word] ? 0 : 1).ThenBy(e => e.Value.Word).Select(e => (e.Key, e.Value.Word)),
            english);

        void AddKey(string key, int word, bool foreign)
        {
            if (key.Length == 0) throw new InvalidDataException($"Lexicon word '{words[word]}' has an empty alias.");
            if (!exact.TryAdd(key, new Entry(word, foreign))) throw new InvalidDataException($"Lexicon key '{key}' appears twice.");
        }

        int Word(string target, string where) => canonical.TryGetValue(Normalize(target), out var index)
            ? index
            : throw new InvalidDataException($"The lexicon's {where} maps to '{target}', which is not a lexicon word.");
    }

    /// <summary>Number of canonical words (aliases not counted).</summary>
    public int Count => words.Length;

    internal ReadingRules Reading { get; }

    internal Regex? EmoticonPattern { get; }

    /// <summary>The lexicon that ships with the app.</summary>
    public static MoodLexicon Load()
    {
        using var stream = Resource(ResourceName);
        using var list = new StreamReader(Resource(WordListName));
        var english = new HashSet<string>(StringComparer.Ordinal);
        while (list.ReadLine() is { } line)
            if (line.Length > 0) english.Add(line);
        return Parse(stream, english);
    }

    /// <summary>Reads a lexicon file; throws <see cref="InvalidDataException"/> when the data is
    /// inconsistent.</summary>
    public static MoodLexicon Parse(Stream json, IReadOnlySet<string>? englishWords = null)
    {
        var file = JsonSerializer.Deserialize<LexiconFile>(json, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The mood lexicon is empty.");
        return new MoodLexicon(file, new HashSet<string>(englishWords ?? new HashSet<string>(), StringComparer.Ordinal));
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

    /// <summary>
    /// The mood word a person would read in a reply, or null when there is none or it is unclear:
    /// the word given as the mood (standing alone, or last), read through negation ("not great" is meh).
    /// </summary>
    public MoodWord? Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var tokens = ReplyTokens.Tokenise(text, EmoticonPattern);
        var index = MoodReading.Read(this, tokens);
        return index < 0 ? null : Mood(index) with { Written = Foreign(tokens, index) };
    }

    /// <summary>The word of another language the reply gave the mood in, as it wrote it (its accents folded).</summary>
    private string? Foreign(List<Token> tokens, int index) =>
        tokens.Where(t => t.Kind == TokenKind.Word).Select(t => t.Text)
            .FirstOrDefault(w => exact.TryGetValue(Normalize(w), out var entry) && entry.Foreign && entry.Word == index);

    /// <summary>
    /// The mood of a text that holds nothing but a mood ("calm", "so tired", "not great", "😊"), or null
    /// for any other text. With <paramref name="wordsOnly"/>, a text of emoji alone is not a mood but a reaction.
    /// </summary>
    public MoodWord? MoodOnly(string? text, bool wordsOnly = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var tokens = ReplyTokens.Tokenise(text, EmoticonPattern);
        var index = MoodReading.Read(this, tokens, onlyFeelings: true, wordsOnly);
        return index < 0 ? null : Mood(index) with { Written = Foreign(tokens, index) };
    }

    /// <summary>
    /// True when the reply gives <paramref name="mood"/> itself: as a word of its own ("tired but ok"
    /// read as tired) or as an emoji or emoticon that stands for it ("😊" read as happy); false when it
    /// was read from a phrase, a negation or a misspelling.
    /// </summary>
    public bool GivenAsIs(string text, MoodWord mood) =>
        ReplyTokens.Tokenise(text, EmoticonPattern).Any(t => t.Kind switch
        {
            TokenKind.Word => t.Text == mood.Word,
            TokenKind.Symbol => Symbol(t.Text) is >= 0 and var index && words[index] == mood.Word,
            _ => false,
        });

    internal MoodWord Mood(int index) => new(words[index], values[index].Pleasantness, values[index].Energy);

    internal int Pleasantness(int index) => values[index].Pleasantness;

    internal int NegatedAs(int index) => negatedAs[index];

    internal bool TryExact(string key, out Entry entry) => exact.TryGetValue(key, out entry);

    internal IReadOnlyList<Phrase> PhrasesFrom(string firstWord) => phrases.TryGetValue(firstWord, out var list) ? list : [];

    internal int Typo(string word) => typos.Find(word);

    internal bool IsEnglish(string word) => typos.IsEnglish(word);

    internal int Symbol(string element)
    {
        if (emoticons.TryGetValue(element, out var index) || emoji.TryGetValue(element, out index)) return index;
        var bare = ReplyTokens.WithoutVariationSelectors(element);
        if (emoji.TryGetValue(bare, out index)) return index;
        // Skin tones do not change the feeling; an unmapped ZWJ sequence (e.g. a gendered 🧘‍♀️) keeps its base's.
        var untoned = ReplyTokens.WithoutSkinTones(bare);
        if (emoji.TryGetValue(untoned, out index)) return index;
        var joiner = untoned.IndexOf('\u200D');
        return joiner > 0 && emoji.TryGetValue(untoned[..joiner], out index) ? index : -1;
    }

    // An emoticon counts only as a whole piece of text: ":/" in a link or ":3" in "9:30" is not a face.
    private static Regex? Faces(IEnumerable<string> faces)
    {
        var list = faces.OrderByDescending(f => f.Length).Select(Regex.Escape).ToList();
        if (list.Count == 0) return null;
        return new Regex($@"(?<![^\s.,!?])(?:{string.Join('|', list)})(?![^\s.,!?])", RegexOptions.CultureInvariant);
    }

    private static Stream Resource(string name) => typeof(MoodLexicon).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The resource {name} is missing from the build.");

    private static string Normalize(string? key) => ReplyTokens.Fold((key ?? "").Trim());

    private static void CheckValue(string word, string name, int value)
    {
        if (value is 0 or < -5 or > 5)
            throw new InvalidDataException($"Lexicon word '{word}' has {name} {value}; expected -5..5 and not 0.");
    }

    /// <summary>A word or alias: its canonical word, and whether it comes from another language than English.</summary>
    internal readonly record struct Entry(int Word, bool Foreign);

    /// <summary>A phrase of several words (or an interjection) with what it reads as, plain and negated.</summary>
    internal sealed record Phrase(string[] Words, bool[] Joined, int Word, int Negated, bool Alone, bool Weak);

    private sealed record LexiconFile(
        [property: JsonRequired] List<WordEntry> Words,
        [property: JsonRequired] Dictionary<string, string> Emoji,
        Dictionary<string, Dictionary<string, List<string>>>? Languages,
        Dictionary<string, string>? Emoticons,
        List<PhraseEntry>? Phrases,
        Dictionary<string, List<string>>? Reading);

    private sealed record WordEntry(
        [property: JsonRequired] string Word,
        [property: JsonRequired] int Pleasantness,
        [property: JsonRequired] int Energy,
        List<string>? Aliases,
        string? Negated);

    private sealed record PhraseEntry([property: JsonRequired] string Text, string? Word, string? Negated, bool Alone, bool Weak);
}
