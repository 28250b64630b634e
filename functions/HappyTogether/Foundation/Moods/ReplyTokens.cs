using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Foundation.Moods;

/// <summary>What a piece of a reply is to the mood reader.</summary>
internal enum TokenKind
{
    /// <summary>A run of letters and digits, apostrophes inside it kept.</summary>
    Word,

    /// <summary>An emoji (a whole text element) or an emoticon such as ":)".</summary>
    Symbol,

    /// <summary>Punctuation that ends a clause: . ! ? ; : , a spaced dash, a new line.</summary>
    Break,
}

/// <summary>
/// A token of a reply. Words are lower case with accents folded ("cansadísima" is "cansadisima")
/// and straight apostrophes; <paramref name="Joined"/> marks a word written after a hyphen ("so-so").
/// </summary>
internal sealed record Token(TokenKind Kind, string Text, bool Joined = false)
{
    /// <summary>The word without apostrophes, for lists of short words ("dont", "im").</summary>
    public string Bare { get; } = Text.Contains('\'') ? Text.Replace("'", "") : Text;
}

/// <summary>Splits a reply into words, symbols and clause breaks, and strips what does not change an emoji's
/// feeling.</summary>
internal static class ReplyTokens
{
    public static List<Token> Tokenise(string text, Regex? emoticons = null)
    {
        // NFKC turns full-width and other compatibility letters into plain ones ("ｔｉｒｅｄ").
        var source = Normalized.Nfkc(text);
        var span = source.AsSpan();
        var faces = new Dictionary<int, int>();
        if (emoticons is not null)
            foreach (var match in emoticons.EnumerateMatches(span)) faces[match.Index] = match.Length;

        var tokens = new List<Token>();
        var wordStart = -1;
        var joined = false;
        var position = 0;
        while (position < span.Length)
        {
            if (faces.TryGetValue(position, out var faceLength))
            {
                Flush(position);
                tokens.Add(new Token(TokenKind.Symbol, span.Slice(position, faceLength).ToString()));
                position += faceLength;
                continue;
            }
            var length = Math.Max(1, StringInfo.GetNextTextElementLength(span[position..]));
            var element = span.Slice(position, length);
            var next = position + length;
            var inWord = wordStart >= 0;
            if (IsLetterOrDigit(element))
            {
                if (!inWord) wordStart = position;
            }
            else if (inWord && element is "'" or "\u2019" && next < span.Length && IsLetterOrDigit(span[next..]))
            {
                // An apostrophe inside a word ("don't") stays in it.
            }
            else if (inWord && element is "-" && next < span.Length && IsLetterOrDigit(span[next..]))
            {
                Flush(position);
                joined = true;
            }
            else
            {
                Flush(position);
                if (IsBreak(span, position, element)) AddBreak();
                else if (element is "&") tokens.Add(new Token(TokenKind.Word, "and"));
                else if (IsSymbol(element)) tokens.Add(new Token(TokenKind.Symbol, element.ToString()));
            }
            position = next;
        }
        Flush(span.Length);
        return tokens;

        void Flush(int end)
        {
            if (wordStart < 0) return;
            tokens.Add(new Token(TokenKind.Word, Fold(source.AsSpan(wordStart, end - wordStart)), joined));
            wordStart = -1;
            joined = false;
        }

        void AddBreak()
        {
            if (tokens.Count > 0 && tokens[^1].Kind != TokenKind.Break) tokens.Add(new Token(TokenKind.Break, ""));
        }
    }

    /// <summary>Lower case, accents removed, curly apostrophes straightened.</summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        var lower = word.ToString().ToLowerInvariant().Replace('\u2019', '\'');
        if (Ascii.IsValid(lower)) return lower;
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsBreak(ReadOnlySpan<char> text, int position, ReadOnlySpan<char> element)
    {
        if (element.Length != 1) return false;
        var c = element[0];
        if (c is '.' or '!' or '?' or ';' or ':' or ',' or '\n' or '\r' or '(' or ')' or '[' or ']' or '{' or '}' or '\u2026' or '\u2014' or '\u2013') return true;
        // A dash with space around it ("your call - calm") ends a clause; one inside a word does not.
        return c is '-' or '~' && (position == 0 || char.IsWhiteSpace(text[position - 1]) || position + 1 >= text.Length || char.IsWhiteSpace(text[position + 1]));
    }

    private static bool IsLetterOrDigit(ReadOnlySpan<char> element) =>
        Rune.DecodeFromUtf16(element, out var rune, out _) == System.Buffers.OperationStatus.Done && Rune.IsLetterOrDigit(rune)
        // A digit with a keycap or variation selector is an emoji, not part of a word.
        && element.IndexOfAny('\uFE0F', '\u20E3') < 0;

    private static bool IsSymbol(ReadOnlySpan<char> element) =>
        (Rune.DecodeFromUtf16(element, out var rune, out _) == System.Buffers.OperationStatus.Done
            && Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol)
        // Keycaps and emoji-presentation sequences start with an ordinary digit or sign.
        || element.IndexOfAny('\uFE0F', '\u20E3', '\u200D') >= 0;

    public static string WithoutVariationSelectors(string text) =>
        text.AsSpan().IndexOfAny('\uFE0E', '\uFE0F') < 0 ? text : text.Replace("\uFE0E", "").Replace("\uFE0F", "");

    // Skin-tone modifiers are U+1F3FB..U+1F3FF, i.e. the surrogate pair D83C DFFB..DFFF.
    public static string WithoutSkinTones(string text)
    {
        if (!text.Contains('\uD83C')) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\uD83C' && i + 1 < text.Length && text[i + 1] is >= '\uDFFB' and <= '\uDFFF') i++;
            else builder.Append(text[i]);
        }
        return builder.ToString();
    }
}
