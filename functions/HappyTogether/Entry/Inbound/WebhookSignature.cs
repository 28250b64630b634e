using System.Security.Cryptography;
using System.Text;
using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace HappyTogether.Entry.Inbound;

/// <summary>Checks Twilio's X-Twilio-Signature over the public URL of the request and all its form fields.</summary>
public sealed class WebhookSignature(IOptions<HappyTogetherOptions> options, ILogger<WebhookSignature> log)
{
    /// <param name="requestBase">scheme://host of the request as received, used only when PublicBaseUrl is not
    /// set.</param>
    /// <param name="pathAndQuery">Path and query string of the request.</param>
    /// <param name="form">Every form field Twilio posted.</param>
    /// <param name="signature">The X-Twilio-Signature header.</param>
    public bool IsValid(string requestBase, string pathAndQuery, IDictionary<string, string> form, string? signature)
    {
        var token = options.Value.TwilioAuthToken;
        if (string.IsNullOrEmpty(token))
        {
            log.LogWarning("Refused a webhook: TwilioAuthToken is not set, so signatures cannot be checked.");
            OpsMetrics.WebhookRejected("no-token");
            return false;
        }
        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? requestBase : options.Value.PublicBaseUrl;
        var valid = !string.IsNullOrEmpty(signature) && new RequestValidator(token).Validate(baseUrl.TrimEnd('/') + pathAndQuery, form, signature);
        if (!valid) OpsMetrics.WebhookRejected("signature");
        return valid;
    }

    /// <summary>
    /// Signs a request the way Twilio does (HMAC-SHA1 over the URL and the sorted field names and
    /// values), for tools that play Twilio's part: the local simulator, tests and benchmarks.
    /// </summary>
    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>> form, string token)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal)) data.Append(key).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
