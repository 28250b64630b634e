using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;

namespace HappyTogether.Foundation.Links;

/// <summary>What a signed link opens.</summary>
public enum LinkPurpose
{
    /// <summary>The picture of the week a recap links to (<c>/api/w?{token}</c>).</summary>
    Week,

    /// <summary>A partner's own data (<c>/api/x?{token}</c>).</summary>
    Export,

    /// <summary>One night's question and answers, as revealed to the viewer (<c>/api/n?{token}</c>).</summary>
    Night,
}

/// <summary>The claims read back from a valid token.</summary>
/// <param name="Partner">"a" or "b".</param>
/// <param name="Date">The week's last local date (Week), the night's local date (Night), or the date the link was made
/// (Export).</param>
public sealed record LinkClaims(LinkPurpose Purpose, string CoupleId, string Partner, DateOnly Date, DateTimeOffset ExpiresUtc);

/// <summary>
/// Unguessable, expiring links that hold no name or number: a compact payload (purpose, couple id,
/// partner, date, expiry) and its HMAC-SHA256 under <see cref="HappyTogetherOptions.LinkSigningKey"/>,
/// truncated to 16 bytes, in base64url (43 characters). The token is a link's whole query string, not a
/// path segment: the Functions host records request paths in Application Insights and drops query strings.
/// </summary>
public sealed class SignedLinks(IOptions<HappyTogetherOptions> options, TimeProvider clock)
{
    /// <summary>The key used when none is set: fine for the outbox and the simulator, refused once Twilio is
    /// configured.</summary>
    public const string DevelopmentKey = "happytogether-local-link-signing-key";

    public static readonly TimeSpan WeekLifetime = TimeSpan.FromDays(14);
    public static readonly TimeSpan ExportLifetime = TimeSpan.FromDays(3);

    /// <summary>The week page's path; its link is this, "?" and the token.</summary>
    public const string WeekPath = "/api/w";

    /// <summary>The night page's path; its link is this, "?" and the token.</summary>
    public const string NightPath = "/api/n";

    /// <summary>The export's path; its link is this, "?" and the token.</summary>
    public const string ExportPath = "/api/x";

    /// <summary>Characters of a token.</summary>
    public const int TokenLength = 43;

    // Layout: header (version << 4 | purpose << 1 | partner b), couple id (8), day number (3), expiry in unix minutes
    // (4), MAC (16).
    private const int Version = 1;
    private const int CoupleIdBytes = 8;
    private const int PayloadBytes = 1 + CoupleIdBytes + 3 + 4;
    private const int MacBytes = 16;
    private const int TokenBytes = PayloadBytes + MacBytes;

    private readonly byte[] key = Encoding.UTF8.GetBytes(string.IsNullOrWhiteSpace(options.Value.LinkSigningKey) ? DevelopmentKey : options.Value.LinkSigningKey);
    private readonly string? baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>Absolute URL of the week page for one partner ("a"/"b") and the week ending on <paramref
    /// name="weekEnd"/> (local date); null when PublicBaseUrl is unset.</summary>
    /// <param name="madeUtc">When the link counts as made (its lifetime runs from then); now by default.</param>
    public string? WeekUrl(string coupleId, string partner, DateOnly weekEnd, DateTimeOffset? madeUtc = null) =>
        baseUrl is null ? null : $"{baseUrl}{WeekPath}?{Token(LinkPurpose.Week, coupleId, partner, weekEnd, (madeUtc ?? clock.GetUtcNow()) + WeekLifetime)}";

    /// <summary>Absolute URL of one night's page for one partner ("a"/"b"); null when PublicBaseUrl is unset. It
    /// lasts as long as a week link, counted from the end of that night's date (UTC), so every composition of the same
    /// reveal, a retry's too, carries the same link.</summary>
    public string? NightUrl(string coupleId, string partner, DateOnly night) =>
        baseUrl is null ? null : $"{baseUrl}{NightPath}?{Token(LinkPurpose.Night, coupleId, partner, night, new DateTimeOffset(night.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + WeekLifetime)}";

    /// <summary>Absolute URL of the partner's export (Date = today's date, unused by readers); null when PublicBaseUrl
    /// is unset.</summary>
    public string? ExportUrl(string coupleId, string partner, DateOnly today) =>
        baseUrl is null ? null : $"{baseUrl}{ExportPath}?{Token(LinkPurpose.Export, coupleId, partner, today, clock.GetUtcNow() + ExportLifetime)}";

    /// <summary>A token for these claims, expiring at <paramref name="expiry"/> (rounded up to the minute).</summary>
    /// <exception cref="ArgumentException">The couple id is not 16 lower-case hex digits, or the partner is not "a" or
    /// "b".</exception>
    private string Token(LinkPurpose purpose, string coupleId, string partner, DateOnly date, DateTimeOffset expiry)
    {
        if (coupleId is not { Length: CoupleIdBytes * 2 } || !coupleId.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("A couple id is 16 lower-case hex digits.", nameof(coupleId));
        if (partner is not ("a" or "b")) throw new ArgumentException("The partner is a or b.", nameof(partner));

        var minutes = (expiry.ToUnixTimeSeconds() + 59) / 60;
        Span<byte> token = stackalloc byte[TokenBytes];
        token[0] = (byte)(Version << 4 | (int)purpose << 1 | (partner == "b" ? 1 : 0));
        Convert.FromHexString(coupleId, token.Slice(1, CoupleIdBytes), out _, out _);
        var day = date.DayNumber;
        token[9] = (byte)(day >> 16);
        token[10] = (byte)(day >> 8);
        token[11] = (byte)day;
        BinaryPrimitives.WriteUInt32BigEndian(token.Slice(12, 4), checked((uint)minutes));
        Mac(token[..PayloadBytes], token[PayloadBytes..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>True when the token is genuine (constant-time MAC compare), of this purpose, and not expired
    /// now.</summary>
    public bool TryRead(string? token, LinkPurpose purpose, [MaybeNullWhen(false)] out LinkClaims claims)
    {
        claims = Read(token, purpose);
        if (claims is not null && clock.GetUtcNow() < claims.ExpiresUtc) return true;
        claims = null;
        return false;
    }

    /// <summary>
    /// True when a genuine token of this purpose has expired, so a page can say so rather than "not
    /// found". A forged or tampered token is never "expired".
    /// </summary>
    public bool IsExpired(string? token, LinkPurpose purpose) => Read(token, purpose) is { } claims && clock.GetUtcNow() >= claims.ExpiresUtc;

    /// <summary>The claims of a genuine token of this purpose, expired or not; null for anything else.</summary>
    private LinkClaims? Read(string? token, LinkPurpose purpose)
    {
        if (token is not { Length: TokenLength }) return null;
        Span<byte> bytes = stackalloc byte[TokenBytes];
        if (Base64Url.DecodeFromChars(token, bytes, out _, out var written) != OperationStatus.Done || written != TokenBytes) return null;
        // The last character carries two unused bits: only the one canonical spelling is the token.
        if (Base64Url.EncodeToString(bytes) != token) return null;

        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(bytes[..PayloadBytes], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[PayloadBytes..])) return null;

        if (bytes[0] >> 4 != Version || (LinkPurpose)(bytes[0] >> 1 & 0b111) != purpose) return null;
        var day = bytes[9] << 16 | bytes[10] << 8 | bytes[11];
        if (day > DateOnly.MaxValue.DayNumber) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(12, 4)) * 60L);
        return new LinkClaims(purpose, Convert.ToHexStringLower(bytes.Slice(1, CoupleIdBytes)), (bytes[0] & 1) == 1 ? "b" : "a", DateOnly.FromDayNumber(day), expires);
    }

    private void Mac(ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, payload, full);
        full[..MacBytes].CopyTo(mac);
    }
}
