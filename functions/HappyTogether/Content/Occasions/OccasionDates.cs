using System.Globalization;
using System.Text.RegularExpressions;
using HappyTogether.Model.Couples;

namespace HappyTogether.Content.Occasions;

/// <summary>
/// Reads the day of an occasion as people text it: "06-14" and "6/14" (month first, as in the US),
/// "14-06" where only that order makes sense, "Jun 14", "14 June", "June 14th", with or without a year.
/// </summary>
public static partial class OccasionDates
{
    public static bool TryParse(string? text, out MonthDay day)
    {
        day = default;
        // Accents folded ("14 de julio", "sept."), and "de" read as English's "of".
        var t = HappyTogether.Foundation.Text.Normalized.Folded(text ?? "").Trim().ToLowerInvariant().TrimEnd('.', '!').Replace(" de ", " of ", StringComparison.Ordinal);
        int month, dayOfMonth;
        if (IsoPattern().Match(t) is { Success: true } iso)
            (month, dayOfMonth) = (Number(iso, "m"), Number(iso, "d"));
        else if (NumericPattern().Match(t) is { Success: true } numeric)
        {
            // Spanish writes the day first ("02/03" is March 2); English the month.
            (month, dayOfMonth) = HappyTogether.Foundation.Text.Languages.Current == HappyTogether.Foundation.Text.Languages.Spanish
                ? (Number(numeric, "b"), Number(numeric, "a"))
                : (Number(numeric, "a"), Number(numeric, "b"));
            // "14-06" can only be day first, "06-14" only month first.
            if (month > 12 && dayOfMonth <= 12) (month, dayOfMonth) = (dayOfMonth, month);
        }
        else if (NamedPattern().Match(t) is { Success: true } named && MonthOf(named.Groups["name"].Value) is { } m)
            (month, dayOfMonth) = (m, Number(named, "d"));
        else return false;
        if (month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(2000, month)) return false;
        day = new MonthDay(month, dayOfMonth);
        return true;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int? MonthOf(string name)
    {
        if (name.Length < 3) return null;
        // English or Spanish month names ("jun", "junio", "dic"), whatever the partner's language.
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("es") })
            for (var m = 1; m <= 12; m++)
            {
                var full = HappyTogether.Foundation.Text.Normalized.Folded(culture.DateTimeFormat.GetMonthName(m)).ToLowerInvariant();
                if (full.StartsWith(name, StringComparison.Ordinal) || (name is "sept" or "set" && m == 9)) return m;
            }
        return null;
    }

    [GeneratedRegex(@"^(?<y>\d{4})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})$")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"^(?<a>\d{1,2})[-/.](?<b>\d{1,2})(?:[-/.](?:\d{2}|\d{4}))?$")]
    private static partial Regex NumericPattern();

    [GeneratedRegex(@"^(?:(?<name>[a-z]+)\.?\s*(?<d>\d{1,2})(?:st|nd|rd|th)?|(?<d>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?(?<name>[a-z]+)\.?)(?:,?\s*\d{4})?$")]
    private static partial Regex NamedPattern();
}
