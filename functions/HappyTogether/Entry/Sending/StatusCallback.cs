using System.Web;

namespace HappyTogether.Entry.Sending;

/// <summary>
/// The delivery status callback Twilio calls about a text: its path, and the query that names the
/// text's history row (c: couple id, r: row key), which the sender writes and the webhook reads back.
/// </summary>
public sealed record StatusCallback(string CoupleId, string RowKey)
{
    /// <summary>The function's route; the host serves routes under /api.</summary>
    public const string Route = "sms/status";

    /// <summary>The path Twilio posts delivery statuses to.</summary>
    public const string Path = "/api/" + Route;

    /// <summary>The query string, without the "?".</summary>
    public string Query => $"c={Uri.EscapeDataString(CoupleId)}&r={Uri.EscapeDataString(RowKey)}";

    /// <summary>The callback URL under the app's public base URL; without a callback, the bare path.</summary>
    public static Uri Url(string publicBaseUrl, StatusCallback? callback) =>
        new(publicBaseUrl.TrimEnd('/') + Path + (callback is null ? "" : "?" + callback.Query));

    /// <summary>Reads a callback back from a request's query string ("?c=...&amp;r=..."); null when c or r is
    /// missing.</summary>
    public static StatusCallback? Parse(string? query)
    {
        var values = HttpUtility.ParseQueryString(query ?? "");
        return values["c"] is { } coupleId && values["r"] is { } rowKey ? new(coupleId, rowKey) : null;
    }
}
