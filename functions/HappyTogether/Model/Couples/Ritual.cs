using System.Globalization;

namespace HappyTogether.Model.Couples;

/// <summary>
/// A weekly time the couple set aside: the listening date (LISTEN sun 8pm) or a ritual of their own (RITUAL thu pizza
/// night). It counts from the first such weekday after the day it was set; the evening after the third, both are asked
/// how it went.
/// </summary>
public sealed record Ritual(DayOfWeek Day, TimeOnly? Time, string? What, DateOnly SetOn, string SetBy)
{
    /// <summary>The most characters a ritual's name keeps: it has to fit a one-segment reminder.</summary>
    public const int MaxWhat = 30;

    /// <summary>Times it happens before the check-in.</summary>
    public const int TimesBeforeCheckIn = 3;

    /// <summary>The first time it happens: the first such weekday after the day it was set.</summary>
    public DateOnly First => SetOn.AddDays(((int)Day - (int)SetOn.DayOfWeek + 6) % 7 + 1);

    /// <summary>The evening after the third time.</summary>
    public DateOnly CheckInOn => First.AddDays(7 * (TimesBeforeCheckIn - 1) + 1);

    /// <summary>Whether it happens on <paramref name="date"/>.</summary>
    public bool IsOn(DateOnly date) => date >= First && date.DayOfWeek == Day;

    /// <summary>The next time it happens on or after <paramref name="date"/>.</summary>
    public DateOnly NextFrom(DateOnly date)
    {
        var from = date < First ? First : date;
        return from.AddDays(((int)Day - (int)from.DayOfWeek + 7) % 7);
    }

    /// <summary>The stored column: day, time, name, set on, set by, split by '|' (which a name never keeps).</summary>
    public string ToColumn() => string.Join('|',
        Day.ToString(), Time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "", What ?? "",
        SetOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), SetBy);

    public static Ritual? FromColumn(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var f = text.Split('|');
        return new Ritual(
            Enum.Parse<DayOfWeek>(f[0]),
            f[1].Length == 0 ? null : TimeOnly.ParseExact(f[1], "HH:mm", CultureInfo.InvariantCulture),
            f[2].Length == 0 ? null : f[2],
            DateOnly.ParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            f[4]);
    }
}
