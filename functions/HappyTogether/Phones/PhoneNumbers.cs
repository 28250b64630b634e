using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace HappyTogether.Phones;

/// <summary>Reads phone numbers as people write them and stores them in E.164.</summary>
public sealed class PhoneNumberReader(IOptions<HappyTogetherOptions> options)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 when it is a valid number, read in the default region if it has no country code.</summary>
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
}

/// <summary>How a phone number may appear in logs and operator views.</summary>
public static class PhoneMask
{
    /// <summary>All but the last four digits hidden: "***4567".</summary>
    public static string Mask(string? phone) =>
        string.IsNullOrEmpty(phone) ? "***" : "***" + (phone.Length <= 4 ? "" : phone[^4..]);
}
