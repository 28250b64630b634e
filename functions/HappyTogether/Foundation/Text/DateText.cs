using System.Globalization;
using HappyTogether.Foundation.Phones;

namespace HappyTogether.Foundation.Text;

/// <summary>
/// Dates as the reader writes them, by the country of their number: month first ("Mon, Jan 4") in the US and
/// the places that write as it does, day first ("Mon 4 Jan") elsewhere. The one place the rule lives.
/// </summary>
public static class DateText
{
    // libphonenumber regions that write the month first: the US, its territories on +1 and +684/+1670/+1671, and
    // English Canada (the Canadian Press style is "Jan. 4"). The rest of the +1 plan (Jamaica, the Bahamas...)
    // writes the day first, so the calling code alone cannot tell.
    private static readonly HashSet<string> MonthFirstRegions = ["US", "PR", "VI", "GU", "AS", "MP", "UM", "CA"];

    /// <summary>True when the owner of <paramref name="e164"/> writes the month before the day.</summary>
    public static bool MonthFirst(string? e164)
    {
        if (string.IsNullOrEmpty(e164)) return false;
        // A number libphonenumber cannot read: +1 still says North America.
        return PhoneNumberReader.RegionOf(e164) is { } region
            ? MonthFirstRegions.Contains(region)
            : e164.StartsWith("+1", StringComparison.Ordinal);
    }

    /// <summary>"Jan 4" or "4 Jan"; in Spanish always day first, "4 ene".</summary>
    public static string Short(DateOnly date, bool monthFirst) => Format(date, monthFirst && !InSpanish ? "MMM d" : "d MMM");

    /// <summary>"Mon, Jan 4" or "Mon 4 Jan"; in Spanish "lun 4 ene".</summary>
    public static string WithDay(DateOnly date, bool monthFirst) =>
        Format(date, monthFirst && !InSpanish ? "ddd, MMM d" : "ddd d MMM");

    /// <summary>"Friday, March 5" or "Friday 5 March"; in Spanish "viernes 5 de marzo".</summary>
    public static string Long(DateOnly date, bool monthFirst) =>
        Format(date, InSpanish ? "dddd d 'de' MMMM" : monthFirst ? "dddd, MMMM d" : "dddd d MMMM");

    /// <summary>A weekday's name as texts write it: "Sunday", or "domingo".</summary>
    public static string Day(DayOfWeek day) => InSpanish ? Culture.DateTimeFormat.GetDayName(day) : day.ToString();

    private static bool InSpanish => Languages.Current == Languages.Spanish;

    private static CultureInfo Culture => InSpanish ? CultureInfo.GetCultureInfo(Languages.Spanish) : CultureInfo.InvariantCulture;

    // Spanish abbreviations come with a period ("ene."), which a text does without.
    private static string Format(DateOnly date, string format) => date.ToString(format, Culture).Replace(".", "", StringComparison.Ordinal);
}
