using System.Globalization;
using System.Text;

namespace HappyTogether.Moods;

/// <summary>Splits a reply into words and symbols, and strips what does not change an emoji's feeling.</summary>
internal static class ReplyTokens
{
    /// <summary>A word (lower case, apostrophes kept) or a symbol such as an emoji.</summary>
    public sealed record Token(bool IsWord, string Text);

    // Words are runs of letters (with apostrophes inside them); symbols are whole text elements, so surrogate
    // pairs, ZWJ sequences and variation selectors stay together. Everything else separates tokens.
    public static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        var span = text.AsSpan();
        var wordStart = -1;
        var position = 0;
        while (position < span.Length)
        {
            var length = Math.Max(1, StringInfo.GetNextTextElementLength(span[position..]));
            var element = span.Slice(position, length);
            var next = position + length;
            if (IsLetter(element))
            {
                if (wordStart < 0) wordStart = position;
            }
            else if (!(wordStart >= 0 && element is ("'" or "\u2019") && next < span.Length && IsLetter(span[next..])))
            {
                if (wordStart >= 0) tokens.Add(Word(span[wordStart..position]));
                wordStart = -1;
                if (IsSymbol(element)) tokens.Add(new Token(IsWord: false, element.ToString()));
            }
            position = next;
        }
        if (wordStart >= 0) tokens.Add(Word(span[wordStart..]));
        return tokens;

        static Token Word(ReadOnlySpan<char> word) => new(IsWord: true, word.ToString().ToLowerInvariant().Replace('\u2019', '\''));
    }

    private static bool IsLetter(ReadOnlySpan<char> element) =>
        Rune.DecodeFromUtf16(element, out var rune, out _) == System.Buffers.OperationStatus.Done && Rune.IsLetter(rune);

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
