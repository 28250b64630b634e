using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Entry.Inbound;

// How keywords' words and arguments are read: letters, capitals, weekdays and times as people text them.
public static partial class Keywords
{
    /// <summary>
    /// Whether the text's first word is written in capitals ("ZONE Chicgo"): then it is a command even
    /// when its argument does not parse, while in lower case such a text is an answer ("Zone out with you").
    /// </summary>
    public static bool StartsInCapitals(string? body)
    {
        var first = Normalized.Nfkc(body ?? "").TrimStart().Split(' ', 2)[0];
        return first.Any(char.IsAsciiLetter) && !first.Any(char.IsAsciiLetterLower);
    }

    /// <summary>
    /// The text's ASCII letters in upper case ("Stop." is "STOP"); empty when it holds letters of another
    /// script.
    /// </summary>
    public static string Letters(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c)) sb.Append(char.ToUpperInvariant(c));
            else if (char.IsLetter(c)) return "";
        }
        return sb.ToString();
    }

    /// <summary>Reads a weekday by its name or its first three letters, in English or Spanish ("sun", "Sunday", "dom",
    /// "miércoles").</summary>
    public static bool TryParseDay(string? text, out DayOfWeek day)
    {
        day = default;
        var spanish = Letters(Normalized.Folded(text ?? "")).ToLowerInvariant();
        for (var i = 0; i < SpanishDays.Length; i++)
        {
            if (spanish.Length < 3 || !SpanishDays[i].StartsWith(spanish, StringComparison.Ordinal)) continue;
            day = (DayOfWeek)i;
            return true;
        }
        var word = (text ?? "").Trim().TrimEnd('.', ',', 's', 'S').ToLowerInvariant();
        if (word.Length < 3) return false;
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var name = candidate.ToString().ToLowerInvariant();
            if (name.StartsWith(word, StringComparison.Ordinal) || name.TrimEnd('s') == word)
            {
                day = candidate;
                return true;
            }
        }
        return false;
    }

    // Sunday first, as DayOfWeek counts.
    private static readonly string[] SpanishDays = ["domingo", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado"];

    /// <summary>
    /// Reads a time as people text it: "9pm", "9:30 pm", "21:00", "2130", "7.30". Without am/pm,
    /// hours 1 to 11 read as evening hours when <paramref name="evening"/> is set ("TIME 9" is 21:00).
    /// </summary>
    public static bool TryParseTime(string? text, bool evening, out TimeOnly time)
    {
        time = default;
        if (text is null) return false;
        var t = text.Trim().ToLowerInvariant().Replace(" ", "")
            .Replace("a.m.", "am").Replace("p.m.", "pm").TrimEnd('.');
        var match = TimePattern().Match(t);
        if (!match.Success) return false;
        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (minute > 59) return false;
        if (match.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12) return false;
            hour = hour % 12 + (match.Groups["ampm"].Value.StartsWith('p') ? 12 : 0);
        }
        else if (evening && hour is >= 1 and <= 11 && !match.Groups["h"].Value.StartsWith('0'))
        {
            // "TIME 9" means 21:00; a leading zero ("09:00") is a 24-hour time.
            hour += 12;
        }
        if (hour > 23) return false;
        time = new TimeOnly(hour, minute);
        return true;
    }

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.]?(?<m>\d{2}))?(?<ampm>am|pm|a|p)?$")]
    private static partial Regex TimePattern();
}
