using System.Globalization;
using System.Text.Json;

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

    /// <summary>
    /// A zone as people say it before "time": "Chicago" for America/Chicago, "Buenos Aires" for
    /// America/Argentina/Buenos_Aires, "UTC" for Etc/UTC, "UTC-6" for Etc/GMT+6. The few ids whose last part is not
    /// the place people name are data (zone-names.json).
    /// </summary>
    public static string Spoken(string ianaId)
    {
        if (Overrides.TryGetValue(ianaId, out var name)) return name;
        // POSIX-style Etc ids count the other way: Etc/GMT+6 is six hours behind UTC.
        if (ianaId.StartsWith("Etc/GMT", StringComparison.Ordinal) && ianaId.Length > 8
            && int.TryParse(ianaId[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var hours))
            return $"UTC{(ianaId[7] == '+' ? '-' : '+')}{hours}";
        return ianaId[(ianaId.LastIndexOf('/') + 1)..].Replace('_', ' ');
    }

    private static readonly Dictionary<string, string> Overrides = LoadOverrides();

    private static Dictionary<string, string> LoadOverrides()
    {
        using var stream = typeof(ZoneNames).Assembly
            .GetManifestResourceStream("HappyTogether.Foundation.TimeZones.zone-names.json")!;
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("names").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
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
