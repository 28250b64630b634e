using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.TimeZones;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace HappyTogether.Foundation.Phones;

/// <summary>Reads phone numbers as people write them, stores them in E.164, and tells the zone a number is
/// in.</summary>
public sealed class PhoneNumberReader(IOptions<HappyTogetherOptions> options)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberToTimeZonesMapper ZoneMapper = PhoneNumberToTimeZonesMapper.GetInstance();

    /// <summary>The number in E.164 when it is a valid number, read in the default region if it has no country
    /// code.</summary>
    public bool TryNormalize(string? input, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40) return false;
        try
        {
            var number = Util.Parse(input, options.Value.DefaultPhoneRegion);
            if (!Util.IsValidNumber(number)) return false;
            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>A number someone texted, read in the region of their own number <paramref name="sender"/> if it has no
    /// country code.</summary>
    public bool TryNormalizeFrom(string sender, string input, out string e164)
    {
        e164 = "";
        try
        {
            var region = Util.GetRegionCodeForNumber(Util.Parse(sender, null));
            var number = Util.Parse(input, region);
            if (!Util.IsValidNumber(number)) return false;
            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return TryNormalize(input, out e164);
        }
    }

    /// <summary>
    /// True for a number an SMS sign-up may come from or name: a mobile number (libphonenumber's type;
    /// North American numbers cannot tell mobile from fixed, so "either" counts) in one of
    /// <see cref="HappyTogetherOptions.SignUpCountries"/>. Premium-rate, toll-free, landline and VoIP numbers are not.
    /// </summary>
    public bool IsSignUpMobile(string e164)
    {
        try
        {
            var number = Util.Parse(e164, null);
            var countries = options.Value.SignUpCountries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return countries.Contains(Util.GetRegionCodeForNumber(number), StringComparer.OrdinalIgnoreCase)
                && Util.GetNumberType(number) is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>The ISO 3166 region of an E.164 number ("US", "CA", "GB"), or null when it reads as none.</summary>
    public static string? RegionOf(string e164)
    {
        try
        {
            var region = Util.GetRegionCodeForNumber(Util.Parse(e164, null));
            return region is null or "ZZ" ? null : region;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The number's zone where libphonenumber knows one, or several that keep the same time (UK mobiles
    /// map to London, Jersey, Guernsey and Man: London is the region's own zone); else the default.
    /// </summary>
    public string ZoneOf(string e164)
    {
        try
        {
            var number = Util.Parse(e164, null);
            var zones = ZoneMapper.GetTimeZonesForNumber(number);
            if (zones.Count == 1 && ZoneNames.TryNormalize(zones[0], out var zone)) return zone;
            var windows = zones.Select(z => TimeZoneInfo.TryConvertIanaIdToWindowsId(z, out var w) ? w : null).Distinct().ToList();
            if (windows is [{ } same] && TimeZoneInfo.TryConvertWindowsIdToIanaId(same, Util.GetRegionCodeForNumber(number), out var regional))
                return regional;
        }
        catch (NumberParseException)
        {
        }
        return options.Value.DefaultTimeZone;
    }
}

/// <summary>How a phone number may appear in logs and operator views.</summary>
public static class PhoneMask
{
    /// <summary>All but the last four digits hidden: "***4567".</summary>
    public static string Mask(string? phone) =>
        string.IsNullOrEmpty(phone) ? "***" : "***" + (phone.Length <= 4 ? "" : phone[^4..]);
}
