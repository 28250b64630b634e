using System.Globalization;
using System.Text;

namespace HappyTogether.Foundation.Text;

/// <summary>The GSM 03.38 alphabet: which texts fit it and how many SMS segments a text costs.</summary>
public static class Gsm7
{
    /// <summary>Characters of the basic table, one septet each.</summary>
    public const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>Characters of the extension table, two septets each (escape + code).</summary>
    public const string Extension = "^{}\\[~]|€\f";

    /// <summary>Characters in one single-segment text.</summary>
    public const int SingleSegmentSeptets = 160;

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    /// <summary>True when every character is in the basic table.</summary>
    internal static bool IsBasic(string text) => text.All(BasicSet.Contains);

    /// <summary>Septets the text needs in GSM-7, or null when it needs UCS-2.</summary>
    public static int? Septets(string text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (BasicSet.Contains(c)) n += 1;
            else if (ExtensionSet.Contains(c)) n += 2;
            else return null;
        }
        return n;
    }

    /// <summary>SMS segments the text is split into (GSM-7 when it fits, else UCS-2).</summary>
    public static int Segments(string text)
    {
        if (Septets(text) is { } septets)
            return septets <= 160 ? 1 : (septets + 152) / 153;
        // UCS-2 counts UTF-16 code units.
        return text.Length <= 70 ? 1 : (text.Length + 66) / 67;
    }

    /// <summary>
    /// A GSM-7 spelling of a name for the app's own texts: accents dropped where the basic table lacks
    /// the letter, other characters removed. Empty when nothing is left.
    /// </summary>
    public static string Transliterate(string name)
    {
        var sb = new StringBuilder(name.Length);
        var elements = StringInfo.GetTextElementEnumerator(name);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (element.Length == 1 && BasicSet.Contains(element[0]) && element[0] is not ('\n' or '\r'))
            {
                sb.Append(element);
                continue;
            }
            // Keep the base letter of an accented one; drop emoji, marks and other scripts.
            if (element.Any(char.IsSurrogate)) continue;
            foreach (var c in element.Normalize(NormalizationForm.FormD))
            {
                if (BasicSet.Contains(c) && c is not ('\n' or '\r')) sb.Append(c);
            }
        }
        return sb.ToString().Trim();
    }

    /// <summary>
    /// The text at its cheapest: as it is when it is GSM-7 or when dropping accents would not save a segment; else
    /// <see cref="WithoutAccents"/>. Spanish in full UCS-2 costs a segment per 70 characters; without those few
    /// accents, one per 160.
    /// </summary>
    public static string Cheapest(string text)
    {
        return IsBasic(text) ? text : Cheaper(text, WithoutAccents(text));
    }

    /// <summary>Of a text and the same without the accents GSM-7 lacks, the one that costs fewer segments (the text as
    /// it is on a tie).</summary>
    public static string Cheaper(string text, string plain) => IsBasic(plain) && Segments(plain) < Segments(text) ? plain : text;

    /// <summary>Each letter the GSM-7 table lacks written as its base letter ("día" as "dia"; é, ñ and ü stay, the table
    /// has them); anything else as it is.</summary>
    public static string WithoutAccents(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text)
            plain.Append(!BasicSet.Contains(c) && !char.IsSurrogate(c) && c.ToString().Normalize(NormalizationForm.FormD) is [var letter, ..] && char.IsLetter(letter) && BasicSet.Contains(letter) ? letter : c);
        return plain.ToString();
    }
}
