using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HappyTogether.Functions;

/// <summary>
/// Reads a webhook's form within bounds. Twilio's forms are a few KB; a larger body is refused with
/// 413 before any of the form is parsed, so a stranger's 48 MB POST costs at most the bound in memory.
/// </summary>
public static class WebhookForm
{
    /// <summary>The largest body read: far above Twilio's forms (a 1,600-character body is under 10 KB
    /// encoded).</summary>
    public const int MaxBytes = 32 * 1024;

    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 128,
        KeyLengthLimit = 256,
        ValueLengthLimit = MaxBytes,
        BufferBody = false,
    };

    /// <summary>The form, or null when the body is over <see cref="MaxBytes"/> (by its Content-Length, or as
    /// read).</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpRequest req, CancellationToken ct)
    {
        if (req.ContentLength > MaxBytes) return null;
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await req.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        req.Body = buffer;
        return await req.ReadFormAsync(Limits, ct);
    }
}
