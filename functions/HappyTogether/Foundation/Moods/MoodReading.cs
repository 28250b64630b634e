namespace HappyTogether.Foundation.Moods;

/// <summary>
/// Reads the mood word out of a tokenised reply, the way a person would:
/// <list type="number">
/// <item>Every feeling is found: phrases ("worn out"), words and aliases in any language, typos of
/// words that are not themselves English, interjections, emoji and emoticons.</item>
/// <item>Negation changes a reading ("not great" is meh) or removes it ("not tired").</item>
/// <item>A feeling that is not the speaker's is dropped: one describing a thing or another person
/// ("the soup was amazing", "Jake was sad") or a word before a noun ("lazy susan", "happy hour").</item>
/// <item>Of what is left, words win over interjections, and those over emoji. A feeling standing
/// alone in its clause ("... walks. anxious") wins; otherwise the last one does. Two feelings of
/// opposite sign joined by "and" are unclear, and read as none.</item>
/// </list>
/// </summary>
internal static class MoodReading
{
    private const int NegationReach = 3;

    /// <summary>The canonical word index, or -1 for no mood.</summary>
    public static int Read(MoodLexicon lexicon, List<Token> tokens, bool onlyFeelings = false, bool wordsOnly = false)
    {
        var rules = lexicon.Reading;
        var found = MoodCandidates.Find(lexicon, tokens);
        if (found.Count == 0) return -1;
        var covered = Covered(tokens, found);
        if (onlyFeelings && !OnlyFeelings(tokens, found, covered, rules, wordsOnly)) return -1;

        var kept = new List<Candidate>();
        for (var n = 0; n < found.Count; n++)
        {
            var c = found[n];
            // "bien cansado", "mad good": the first word only makes the second stronger.
            if (c.End - c.Start == 1 && tokens[c.Start].Kind == TokenKind.Word && rules.Modifiers.Contains(tokens[c.Start].Bare)
                && n + 1 < found.Count && found[n + 1].Start == c.End && !found[n + 1].Symbol)
                continue;
            // "stress-free" says no stress.
            var free = c.End < tokens.Count && tokens[c.End] is { Kind: TokenKind.Word, Joined: true, Bare: "free" };
            if (!c.Symbol && !IsOwn(tokens, c with { End = free ? c.End + 1 : c.End }, covered, rules)) continue;
            var word = !c.Symbol && (free || Negated(tokens, c, covered, rules)) ? c.Negated : c.Word;
            if (word >= 0) kept.Add(c with { Word = word });
        }

        var alone = tokens.Select((t, i) => t.Kind != TokenKind.Word || covered[i] || rules.Fillers.Contains(t.Bare)).All(x => x);
        var tier = kept.Where(c => !c.Symbol && !c.Weak && !c.Alone).ToList();
        if (tier.Count == 0) tier = kept.Where(c => !c.Symbol && (c.Weak || (c.Alone && alone))).ToList();
        if (tier.Count == 0) tier = kept.Where(c => c.Symbol).ToList();
        if (tier.Count == 0) return -1;

        // A clause holding nothing but feelings and filler words is where the mood was given.
        var segments = Segments(tokens);
        var standing = tier.Where(c => StandsAlone(tokens, segments, segments[c.Start], covered, rules)).ToList();
        var pool = standing.Count > 0 ? standing : tier;
        var chosen = pool[^1];
        return Unclear(tokens, pool, chosen, segments, lexicon, rules) ? -1 : chosen.Word;
    }

    // Whether the reply holds only feelings and filler words (and, unless wordsOnly, may be emoji alone).
    private static bool OnlyFeelings(List<Token> tokens, List<Candidate> found, bool[] covered, ReadingRules rules, bool wordsOnly)
    {
        // "haha", "ugh": an interjection alone is a reaction, not a mood given after an answer.
        if (!found.Any(c => !c.Weak && !c.Alone && (!wordsOnly || !c.Symbol))) return false;
        return tokens.Select((t, i) => t.Kind != TokenKind.Word || covered[i] || rules.Fillers.Contains(t.Bare)
            || rules.Intensifiers.Contains(t.Bare) || IsNegator(t, rules)).All(x => x);
    }

    private static bool[] Covered(List<Token> tokens, List<Candidate> found)
    {
        var covered = new bool[tokens.Count];
        foreach (var c in found)
            for (var i = c.Start; i < c.End; i++) covered[i] = true;
        return covered;
    }

    // Dropped: a feeling that describes something else than the speaker.
    private static bool IsOwn(List<Token> tokens, Candidate c, bool[] covered, ReadingRules rules)
    {
        var before = c.Start > 0 ? tokens[c.Start - 1] : null;
        var after = c.End < tokens.Count ? tokens[c.End] : null;
        // "he loved the card", "she was thrilled": right after another person, the feeling is theirs.
        if (before is { Kind: TokenKind.Word } && rules.OthersAsSubjects.Contains(before.Bare)) return false;
        var beforeTime = after is { Kind: TokenKind.Word } && rules.TimeNouns.Contains(after.Bare);
        if (before is { Kind: TokenKind.Word } && rules.Determiners.Contains(before.Bare) && !beforeTime) return false;

        // "the soup was amazing", "Jake was sad", "she's happy": the feeling is the subject's.
        var j = c.Start - 1;
        while (j >= 0 && tokens[j].Kind == TokenKind.Word && !covered[j]
               && rules.Intensifiers.Contains(tokens[j].Bare) && !rules.LinkingVerbs.Contains(tokens[j].Bare))
            j--;
        if (j >= 0 && tokens[j].Kind == TokenKind.Word)
        {
            var word = tokens[j].Text;
            var apostrophe = word.IndexOf('\'');
            if (apostrophe > 0 && word[(apostrophe + 1)..] is "s" or "re" && !rules.OwnSubjects.Contains(word[..apostrophe]) && word != "let's")
                return false;
            if (rules.LinkingVerbs.Contains(tokens[j].Bare) && j > 0 && tokens[j - 1].Kind == TokenKind.Word
                && !rules.OwnSubjects.Contains(tokens[j - 1].Bare) && !rules.Intensifiers.Contains(tokens[j - 1].Bare)
                && !rules.Negators.Contains(tokens[j - 1].Bare))
                return false;
        }

        // "lazy susan", "happy hour", "rough draft": an English feeling right before a noun describes the noun.
        if (c.Foreign || c.Weak || c.Alone || c.End - c.Start > 1) return true;
        if (after is not { Kind: TokenKind.Word } || covered[c.End] || beforeTime || rules.Closers.Contains(after.Bare)) return true;
        return before is { Kind: TokenKind.Word } && rules.TypoCues.Contains(before.Bare);
    }

    private static bool Negated(List<Token> tokens, Candidate c, bool[] covered, ReadingRules rules)
    {
        var more = false;
        for (int j = c.Start - 1, words = 0; j >= 0 && words <= NegationReach; j--, words++)
        {
            var token = tokens[j];
            if (token.Kind != TokenKind.Word || covered[j] || rules.Contrasts.Contains(token.Bare)) return false;
            if (IsNegator(token, rules))
            {
                // "never been this happy", "never felt so loved": a negated comparison says the most.
                if (token.Bare == "never" && tokens.Skip(j + 1).Take(c.Start - j - 1).Any(t => t.Bare is "this" or "so")) return false;
                // "isn't it lovely", "wasn't that fun": a question that agrees, not a negation.
                if (rules.LinkingVerbs.Contains(token.Bare) && j + 1 < c.Start && rules.Pronouns.Contains(tokens[j + 1].Bare)) return false;
                // "couldn't be more grateful", "never been happier": a negated comparison says the most.
                return !more && !(tokens[c.Start].Text.EndsWith("ier", StringComparison.Ordinal) && j < c.Start - 1);
            }
            if (token.Bare == "more") more = true;
        }
        return false;
    }

    private static bool IsNegator(Token token, ReadingRules rules) =>
        rules.Negators.Contains(token.Bare) || token.Text.EndsWith("n't", StringComparison.Ordinal);

    private static int[] Segments(List<Token> tokens)
    {
        var segments = new int[tokens.Count];
        var segment = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Break) segment++;
            segments[i] = segment;
        }
        return segments;
    }

    private static bool StandsAlone(List<Token> tokens, int[] segments, int segment, bool[] covered, ReadingRules rules)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (segments[i] != segment || tokens[i].Kind != TokenKind.Word || covered[i]) continue;
            var bare = tokens[i].Bare;
            if (!rules.Fillers.Contains(bare) && !rules.Intensifiers.Contains(bare) && !IsNegator(tokens[i], rules)) return false;
        }
        return true;
    }

    // "excited and nervous": two feelings of opposite sign given with equal weight leave the mood unclear.
    private static bool Unclear(List<Token> tokens, List<Candidate> pool, Candidate chosen, int[] segments, MoodLexicon lexicon, ReadingRules rules)
    {
        var index = pool.IndexOf(chosen);
        if (index == 0) return false;
        var previous = pool[index - 1];
        if (segments[previous.Start] != segments[chosen.Start]) return false;
        if (Math.Sign(lexicon.Pleasantness(previous.Word)) == Math.Sign(lexicon.Pleasantness(chosen.Word))) return false;
        var between = tokens.Skip(previous.End).Take(chosen.Start - previous.End).Where(t => t.Kind == TokenKind.Word).Select(t => t.Bare).ToList();
        return between.Any(rules.Joiners.Contains) && !between.Any(rules.Contrasts.Contains);
    }
}
