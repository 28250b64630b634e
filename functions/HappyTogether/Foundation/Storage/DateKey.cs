using System.Globalization;

namespace HappyTogether.Foundation.Storage;

/// <summary>How local dates are written in row keys and columns: "2027-01-04", sortable and culture-free.</summary>
public static class DateKey
{
    private const string Format = "yyyy-MM-dd";

    public static string Of(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static string? Of(DateOnly? date) => date is { } d ? Of(d) : null;

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, Format, CultureInfo.InvariantCulture);
}
