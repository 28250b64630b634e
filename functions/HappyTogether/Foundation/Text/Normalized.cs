using System.Globalization;
using System.Text;

namespace HappyTogether.Foundation.Text;

/// <summary>Unicode NFKC for texts from phones, which may hold half a surrogate pair or a noncharacter.</summary>
public static class Normalized
{
    /// <summary>
    /// The text in NFKC (full-width and other compatibility letters as plain ones: "ＳＴＯＰ" is
    /// "STOP"). What NFKC refuses (a lone surrogate, a noncharacter such as U+FFFF) becomes U+FFFD first.
    /// </summary>
    public static string Nfkc(string text)
    {
        var valid = Valid(text);
        return valid.IsNormalized(NormalizationForm.FormKC) ? valid : valid.Normalize(NormalizationForm.FormKC);
    }

    /// <summary>
    /// The text in NFKC without diacritics, for matching words typed with or without accents:
    /// "más" is "mas", "ARRÊT" is "ARRET" (NFD splits off the marks, which are dropped).
    /// </summary>
    public static string Folded(string text)
    {
        var decomposed = Nfkc(text).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Valid(string text)
    {
        var builder = (StringBuilder?)null;
        var position = 0;
        while (position < text.Length)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(position), out var rune, out var length);
            var keep = status == System.Buffers.OperationStatus.Done && !IsNoncharacter(rune.Value);
            if (!keep && builder is null) builder = new StringBuilder(text.Length).Append(text, 0, position);
            if (builder is not null) builder.Append(keep ? text.AsSpan(position, length) : "\uFFFD");
            position += length;
        }
        return builder?.ToString() ?? text;
    }

    private static bool IsNoncharacter(int value) => value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE;
}
