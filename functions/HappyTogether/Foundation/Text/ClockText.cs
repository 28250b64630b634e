using System.Globalization;

namespace HappyTogether.Foundation.Text;

/// <summary>Times as the reader writes them: 12-hour ("8am", "8:30pm") in North America, 24-hour ("08:00")
/// elsewhere.</summary>
public static class ClockText
{
    public static string Format(TimeOnly time, bool twelveHour)
    {
        if (!twelveHour) return time.ToString("HH:mm", CultureInfo.InvariantCulture);
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var suffix = time.Hour < 12 ? "am" : "pm";
        return time.Minute == 0 ? $"{hour}{suffix}" : $"{hour}:{time.Minute:D2}{suffix}";
    }
}
