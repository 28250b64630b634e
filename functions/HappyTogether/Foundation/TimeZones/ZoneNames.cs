namespace HappyTogether.Foundation.TimeZones;

/// <summary>
/// Reads time zones as the app receives them: IANA ids from the admin API and libphonenumber, and
/// what a partner texts (an IANA id or a city name: "Chicago", "new york").
/// </summary>
public sealed class ZoneNames
{
    private readonly Dictionary<string, string> byCity = BuildCities();

    /// <summary>Accepts IANA ids (and Windows ids, stored as their IANA equivalent).</summary>
    public static bool TryNormalize(string? id, out string ianaId)
    {
        ianaId = "";
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return false;
        if (zone.HasIanaId)
        {
            ianaId = zone.Id;
            return true;
        }
        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out ianaId!);
    }

    /// <summary>The IANA zone a partner means by an id or a city name.</summary>
    public bool TryFind(string? text, out string ianaId)
    {
        ianaId = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64) return false;
        var trimmed = text.Trim();
        if (trimmed.Contains('/') && TryNormalize(trimmed.Replace(' ', '_'), out ianaId)) return true;
        return byCity.TryGetValue(Key(trimmed), out ianaId!);
    }

    private static string Key(string text) => string.Join(' ', text.Replace('_', ' ').ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static Dictionary<string, string> BuildCities()
    {
        var cities = new Dictionary<string, string>();
        // Canonical region/city ids only (America/Chicago, not US/Central or Etc/GMT+6).
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId && z.Id.Contains('/') && !z.Id.StartsWith("Etc/")))
        {
            var city = Key(zone.Id[(zone.Id.LastIndexOf('/') + 1)..]);
            cities.TryAdd(city, zone.Id);
        }
        return cities;
    }
}
