using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Entry.Inbound;

/// <summary>The commands a partner can text.</summary>
public enum Keyword
{
    /// <summary>Not a command: the text is an answer.</summary>
    None,
    OptIn,
    OptOut,

    /// <summary>A longer text that may ask to stop the texts: the partner is asked once to reply STOP.</summary>
    MaybeOptOut,
    Help,
    Pause,
    Resume,
    Skip,
    Time,
    Morning,
    Zone,
    Status,
    Done,
    Delete,
    DeleteYes,
    ShareOff,
    ShareOn,
    Recap,

    NudgeOff,
    NudgeOn,

    /// <summary>APART: the couple lives apart; only ideas that work apart.</summary>
    Apart,

    /// <summary>TOGETHER: undoes APART (and overrides the zones' guess).</summary>
    Together,

    /// <summary>EVERY 2: ideas and questions every other day.</summary>
    EveryOtherDay,

    /// <summary>WEEKDAYS: ideas and questions Monday to Friday.</summary>
    Weekdays,

    /// <summary>DAILY: ideas and questions every day (the default).</summary>
    Daily,

    /// <summary>THANKS fri moves the weekly appreciation night; THANKS OFF turns it off.</summary>
    Thanks,

    /// <summary>DATE anniversary 06-14, DATE birthday 03-02, DATE anniversary OFF.</summary>
    Date,

    /// <summary>DATES lists the stored occasions.</summary>
    Dates,

    /// <summary>EXPORT: a link to the partner's own data.</summary>
    Export,
}

/// <summary>
/// A parsed inbound text: the keyword (or None) and its argument, if any. <paramref name="InOwnWords"/>
/// marks an opt-out asked for in a sentence ("stop please"), which Twilio's keyword filter does not see.
/// </summary>
public sealed record Command(Keyword Keyword, string? Argument = null, bool InOwnWords = false);

/// <summary>
/// Recognizes keywords, after Unicode normalization (NFKC: full-width and other compatibility letters
/// read as plain ones), accents folded for stop words. The opt-out and opt-in words count in any case
/// with stray punctuation and spaces ("Stop.", " s t o p ", "ARRÊT"); so does a short request to stop
/// in the partner's own words, in English, Spanish or French (see <see cref="StopRequests"/>). Other
/// keywords must be the whole text, plus a short argument where they take one; anything longer ("Time
/// flies when we're together") is an answer.
/// </summary>
public static partial class Keywords
{
    // Twilio's default opt-out list (REVOKE and OPTOUT since 2025).
    private static readonly HashSet<string> OptOutWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
    private static readonly HashSet<string> OptInWords = ["YES", "JOIN", "START", "UNSTOP"];

    /// <summary>Most words a keyword's argument may have before the text counts as an answer.</summary>
    private static readonly Dictionary<Keyword, int> ArgumentWords = new()
    {
        [Keyword.Pause] = 2,
        [Keyword.Time] = 2,
        [Keyword.Morning] = 2,
        [Keyword.Zone] = 3,
        [Keyword.Recap] = 3,
        [Keyword.Thanks] = 1,
        [Keyword.Date] = 5,
    };

    /// <summary>
    /// An inbound text's command. Twilio's Advanced Opt-Out classification (<see cref="InboundText.OptOutType"/>)
    /// decides when present, whatever the body says; Twilio has then confirmed a STOP itself.
    /// </summary>
    public static Command Parse(InboundText text) => text.OptOutType?.Trim().ToUpperInvariant() switch
    {
        "STOP" => new(Keyword.OptOut),
        "START" => new(Keyword.OptIn),
        "HELP" => new(Keyword.Help),
        _ => Parse(text.Body),
    };

    /// <summary>A text's command, read from its body alone.</summary>
    public static Command Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return new(Keyword.None);
        var asTexted = body;
        body = Normalized.Nfkc(body);
        var lettersOnly = Letters(Normalized.Folded(body));
        // Twilio answers its own opt-out words itself; a form it does not see ("s t o p", "opt out") gets our confirmation.
        if (OptOutWords.Contains(lettersOnly)) return new(Keyword.OptOut, InOwnWords: !OptOutWords.Contains(TwilioForm(asTexted)));
        if (OptInWords.Contains(lettersOnly)) return new(Keyword.OptIn);
        // A lone stop word of another language ("ALTO", "Arrêt.", "b a j a"): Twilio's list lacks it, so the confirmation comes from here.
        if (StopRequests.IsStopWord(lettersOnly)) return new(Keyword.OptOut, InOwnWords: true);
        switch (StopRequests.Read(body))
        {
            case StopRequest.Clear: return new(Keyword.OptOut, InOwnWords: true);
            case StopRequest.Unclear: return new(Keyword.MaybeOptOut);
        }

        var words = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = Letters(words[0]);
        var rest = words.Skip(1).ToArray();
        var argument = rest.Length == 0 ? null : string.Join(' ', rest);
        var keyword = first switch
        {
            "HELP" or "INFO" when rest.Length == 0 => Keyword.Help,
            "RESUME" when rest.Length == 0 => Keyword.Resume,
            "SKIP" when rest.Length == 0 => Keyword.Skip,
            "STATUS" when rest.Length == 0 => Keyword.Status,
            "DONE" when rest.Length == 0 => Keyword.Done,
            "DELETE" when rest.Length == 0 => Keyword.Delete,
            "DELETE" when rest.Length == 1 && Letters(rest[0]) == "YES" => Keyword.DeleteYes,
            "SHARE" when rest.Length == 1 && Letters(rest[0]) == "OFF" => Keyword.ShareOff,
            "SHARE" when rest.Length == 1 && Letters(rest[0]) == "ON" => Keyword.ShareOn,
            "NUDGE" when rest.Length == 1 && Letters(rest[0]) == "OFF" => Keyword.NudgeOff,
            "NUDGE" when rest.Length == 1 && Letters(rest[0]) == "ON" => Keyword.NudgeOn,
            "APART" when rest.Length == 0 => Keyword.Apart,
            "TOGETHER" when rest.Length == 0 => Keyword.Together,
            "EVERY" when rest is ["2"] || (rest.Length == 2 && ((rest[0] == "2" && Letters(rest[1]) == "DAYS") || (Letters(rest[0]) == "OTHER" && Letters(rest[1]) == "DAY"))) => Keyword.EveryOtherDay,
            "WEEKDAYS" when rest.Length == 0 => Keyword.Weekdays,
            "DAILY" when rest.Length == 0 => Keyword.Daily,
            "THANKS" when rest.Length == 1 && (Letters(rest[0]) == "OFF" || TryParseDay(rest[0], out _)) => Keyword.Thanks,
            "DATE" when rest.Length >= 1 && Letters(rest[0]) is "ANNIVERSARY" or "BIRTHDAY" or "BDAY" => Keyword.Date,
            "DATES" when rest.Length == 0 => Keyword.Dates,
            "EXPORT" when rest.Length == 0 => Keyword.Export,
            "PAUSE" => Keyword.Pause,
            "TIME" => Keyword.Time,
            "MORNING" => Keyword.Morning,
            "ZONE" => Keyword.Zone,
            "RECAP" => Keyword.Recap,
            _ => Keyword.None,
        };
        if (ArgumentWords.TryGetValue(keyword, out var most) && rest.Length > most) return new(Keyword.None);
        if (keyword is Keyword.Time or Keyword.Morning or Keyword.Zone or Keyword.Recap && argument is null) return new(Keyword.None);
        if (keyword == Keyword.Recap && !TryParseDay(rest[0], out _)) return new(Keyword.None);
        // "Morning babe", "Time flies", "Pause? Never" are answers: times and day counts start with a digit.
        if (keyword is Keyword.Time or Keyword.Morning or Keyword.Pause && argument is not null && !char.IsAsciiDigit(argument[0]))
            return new(Keyword.None);
        return new(keyword, ArgumentWords.ContainsKey(keyword) ? argument : null);
    }

    // The whole text as Twilio's keyword filter compares it: trimmed of spaces and trailing punctuation, in upper case.
    private static string TwilioForm(string body) => body.Trim().TrimEnd('.', '!', '?', ',', ';', ':').Trim().ToUpperInvariant();

    /// <summary>
    /// Whether the text's first word is written in capitals ("ZONE Chicgo"): then it is a command even
    /// when its argument does not parse, while in lower case such a text is an answer ("Zone out with you").
    /// </summary>
    public static bool StartsInCapitals(string? body)
    {
        var first = Normalized.Nfkc(body ?? "").TrimStart().Split(' ', 2)[0];
        return first.Any(char.IsAsciiLetter) && !first.Any(char.IsAsciiLetterLower);
    }

    /// <summary>The text's ASCII letters in upper case ("Stop." is "STOP"); empty when it holds letters of another script.</summary>
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

    /// <summary>Reads a weekday by its name or its first three letters ("sun", "Sunday").</summary>
    public static bool TryParseDay(string? text, out DayOfWeek day)
    {
        day = default;
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

    /// <summary>
    /// Reads a time as people text it: "9pm", "9:30 pm", "21:00", "2130", "7.30". Without am/pm,
    /// hours 1 to 11 read as evening hours when <paramref name="evening"/> is set ("TIME 9" is 21:00).
    /// </summary>
    public static bool TryParseTime(string? text, bool evening, out TimeOnly time)
    {
        time = default;
        if (text is null) return false;
        var t = text.Trim().ToLowerInvariant().Replace(" ", "").Replace("a.m.", "am").Replace("p.m.", "pm").TrimEnd('.');
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
