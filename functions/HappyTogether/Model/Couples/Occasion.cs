using System.Globalization;

namespace HappyTogether.Model.Couples;

/// <summary>A day of the year, as occasions are kept: month and day, no year.</summary>
public readonly record struct MonthDay(int Month, int Day)
{
    /// <summary>The date in <paramref name="year"/>; February 29 falls on the 28th in other years.</summary>
    public DateOnly In(int year) => new(year, Month, Math.Min(Day, DateTime.DaysInMonth(year, Month)));

    /// <summary>The first date on or after <paramref name="from"/> that is this day.</summary>
    public DateOnly OnOrAfter(DateOnly from) => In(from.Year) >= from ? In(from.Year) : In(from.Year + 1);

    /// <summary>"06-14", as stored.</summary>
    public override string ToString() => $"{Month:D2}-{Day:D2}";

    /// <summary>"Jun 14" or "14 Jun", as <paramref name="reader"/> writes dates.</summary>
    public string TextFor(Partner reader) => reader.ShortDate(new DateOnly(2000, Month, Day));

    public static MonthDay? Parse(string? stored)
    {
        if (stored is not { Length: 5 } || stored[2] != '-') return null;
        return int.TryParse(stored[..2], CultureInfo.InvariantCulture, out var m) && int.TryParse(stored[3..], CultureInfo.InvariantCulture, out var d) ? new MonthDay(m, d) : null;
    }
}

/// <summary>What a couple celebrates on a day: their anniversary, or one partner's birthday.</summary>
/// <param name="Kind"><see cref="Occasion.Anniversary"/> or <see cref="Occasion.Birthday"/>.</param>
/// <param name="Partner">Whose birthday it is; for the anniversary, who stored it (the other gets the
/// heads-up).</param>
public sealed record Occasion(string Kind, string Partner)
{
    public const string Anniversary = "anniversary";
    public const string Birthday = "birthday";

    /// <summary>Days before the occasion the other partner gets a heads-up.</summary>
    public const int HeadsUpDays = 5;
}

/// <summary>Where the couple's occasions fall.</summary>
public static class OccasionDays
{
    /// <summary>The occasion on the local <paramref name="date"/>, or null: the anniversary first, then a
    /// birthday.</summary>
    public static Occasion? OccasionOn(this Couple couple, DateOnly date)
    {
        if (couple.Anniversary is { } a && a.In(date.Year) == date) return new(Occasion.Anniversary, couple.AnniversarySetBy ?? Couple.PartnerA);
        return couple.Partners.FirstOrDefault(p => p.Birthday is { } b && b.In(date.Year) == date) is { } p ? new(Occasion.Birthday, p.Key) : null;
    }

    /// <summary>The stored day of an occasion, or null when it is not stored (any longer).</summary>
    public static MonthDay? DayOf(this Couple couple, Occasion occasion) =>
        occasion.Kind == Occasion.Anniversary ? couple.Anniversary : couple[occasion.Partner].Birthday;

    /// <summary>Who gets the heads-up before an occasion: the partner who did not store it (whose birthday it is
    /// not).</summary>
    public static string HeadsUpFor(this Occasion occasion) => occasion.Partner == Couple.PartnerA ? Couple.PartnerB : Couple.PartnerA;
}
