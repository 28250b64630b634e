namespace HappyTogether.Foundation.Moods;

/// <summary>A feeling found in the reply, over tokens [Start, End).</summary>
internal sealed record Candidate(
    int Start, int End, int Word, int Negated, bool Symbol, bool Weak, bool Alone, bool Foreign);

/// <summary>Finds every feeling a reply names, for <see cref="MoodReading"/> to judge which is the mood.</summary>
/// <remarks>Phrases ("worn out"), words and aliases in any language, stretched words ("sooo"), typos, emoji.</remarks>
internal static class MoodCandidates
{
    /// <summary>Every feeling in the reply, in the order of its tokens; a phrase wins over the words in it.</summary>
    public static List<Candidate> Find(MoodLexicon lexicon, List<Token> tokens)
    {
        var rules = lexicon.Reading;
        var found = new List<Candidate>();
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Symbol)
            {
                var symbol = lexicon.Symbol(token.Text);
                if (symbol >= 0)
                {
                    found.Add(new Candidate(
                        i, i + 1, symbol, -1, Symbol: true, Weak: false, Alone: false, Foreign: false));
                }
                i++;
                continue;
            }
            if (token.Kind != TokenKind.Word)
            {
                i++;
                continue;
            }
            if (MatchPhrase(lexicon, tokens, i) is { } phrase)
            {
                var (p, length) = phrase;
                found.Add(new Candidate(
                    i, i + length, p.Word, p.Negated, Symbol: false, p.Weak, p.Alone, Foreign: false));
                i += length;
                continue;
            }
            if (Lookup(lexicon, token.Text) is { } entry)
            {
                found.Add(new Candidate(
                    i, i + 1, entry.Word, lexicon.NegatedAs(entry.Word), false, false, false, entry.Foreign));
            }
            else if (IsTypo(lexicon, tokens, i, rules) is var typo and >= 0)
            {
                found.Add(new Candidate(i, i + 1, typo, lexicon.NegatedAs(typo), false, false, false, false));
            }
            i++;
        }
        return found;
    }

    private static (MoodLexicon.Phrase Phrase, int Length)? MatchPhrase(
        MoodLexicon lexicon, List<Token> tokens, int start)
    {
        var first = tokens[start].Bare;
        IEnumerable<MoodLexicon.Phrase> phrases = lexicon.PhrasesFrom(first);
        if (Collapsed(first) is var stretched && stretched != first)
            phrases = phrases.Concat(lexicon.PhrasesFrom(stretched));
        foreach (var phrase in phrases)
        {
            var n = phrase.Words.Length;
            if (start + n > tokens.Count) continue;
            var matches = true;
            for (var k = 0; k < n && matches; k++)
            {
                var token = tokens[start + k];
                matches = token.Kind == TokenKind.Word
                    && (token.Bare == phrase.Words[k] || Collapsed(token.Bare) == phrase.Words[k]);
                if (matches && k > 0 && phrase.Joined[k] && !token.Joined) matches = false;
            }
            if (matches) return (phrase, n);
        }
        return null;
    }

    private static MoodLexicon.Entry? Lookup(MoodLexicon lexicon, string word)
    {
        if (lexicon.TryExact(word, out var entry)) return entry;
        // Stretched words ("happyyy", "sooo tired") read as their plain form.
        var collapsed = Collapsed(word);
        if (collapsed == word) return null;
        return lexicon.TryExact(collapsed, out entry) || lexicon.TryExact(Collapsed(word, keep: 1), out entry)
            ? entry
            : null;
    }

    private static int IsTypo(MoodLexicon lexicon, List<Token> tokens, int i, ReadingRules rules)
    {
        var word = Collapsed(tokens[i].Text);
        if (word.Contains('\'')) return -1;
        if (!lexicon.IsEnglish(word)) return lexicon.Typo(word);
        // A real word is a typo only where a feeling is expected and it makes no sense ("so tried tonight").
        var cued = i > 0 && tokens[i - 1].Kind == TokenKind.Word && rules.TypoCues.Contains(tokens[i - 1].Bare);
        var ends = i + 1 >= tokens.Count || tokens[i + 1].Kind != TokenKind.Word
            || rules.Closers.Contains(tokens[i + 1].Bare);
        return cued && ends ? lexicon.Typo(word) : -1;
    }

    // Runs of three or more of one letter shortened to two ("sooo" is "soo"), or to one with keep: 1.
    private static string Collapsed(string word, int keep = 2)
    {
        var chars = new List<char>(word.Length);
        foreach (var c in word)
        {
            if (chars.Count >= keep && chars[^1] == c && (keep == 1 || chars[^2] == c)) continue;
            chars.Add(c);
        }
        return chars.Count == word.Length ? word : new string([.. chars]);
    }
}
