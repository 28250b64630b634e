using System.Security.Cryptography;
using System.Text;
using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;

namespace HappyTogether.Foundation.Phones;

/// <summary>
/// A keyed hash of a phone number (HMAC-SHA256 under its own secret, <see cref="HappyTogetherOptions.NumberHashKey"/>),
/// for rows that must find a number again without holding it: sign-up dialogues, invitation limits, the suppression
/// list.
/// </summary>
public sealed class NumberHash(IOptions<HappyTogetherOptions> options)
{
    /// <summary>The key used when none is set: fine for the outbox and the simulator, refused once Twilio is
    /// configured.</summary>
    public const string DevelopmentKey = "happytogether-local-number-hash-key";

    private readonly byte[] key = Encoding.UTF8.GetBytes(string.IsNullOrWhiteSpace(options.Value.NumberHashKey) ? DevelopmentKey : options.Value.NumberHashKey);

    public string Of(string e164) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(e164)));
}
