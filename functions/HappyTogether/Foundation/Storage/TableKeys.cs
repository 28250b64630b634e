using System.Security.Cryptography;
using System.Text;

namespace HappyTogether.Foundation.Storage;

/// <summary>
/// Table Storage refuses keys with '/', '\', '#', '?' or control characters, and keys over 1 KiB,
/// with a 400 that would surface as a 500. Input that reaches a key (ids in URLs, webhook fields) is
/// checked or made safe here first.
/// </summary>
public static class TableKeys
{
    private const int MaxLength = 512;

    /// <summary>True when <paramref name="key"/> can be used as a partition or row key as it is.</summary>
    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxLength && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) || char.IsSurrogate(c));

    /// <summary>
    /// <paramref name="raw"/> itself when it is a plain token (such as a Twilio SID), else a hash of it:
    /// the same input always gives the same key, so deduplication by that key still works.
    /// </summary>
    public static string Safe(string raw) =>
        raw.Length is > 0 and <= 64 && raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? raw
            : "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));
}
