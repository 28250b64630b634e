using System.Text;
using System.Xml.Linq;
using HappyTogether.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>Sends texts to the app's webhook the way Twilio does: a form post signed with X-Twilio-Signature.</summary>
public static class Sms
{
    public const string PublicBaseUrl = "https://happytogether.example.org";
    private static int sequence;

    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>> form, string token) =>
        HappyTogether.Entry.Inbound.WebhookSignature.Sign(url, form, token);

    public static string NewSid() => $"SM{Interlocked.Increment(ref sequence):D8}{Guid.NewGuid():N}"[..34];

    /// <summary>The form Twilio posts for an inbound text; <paramref name="optOutType"/> is what Advanced Opt-Out adds
    /// when it classified the text.</summary>
    public static Dictionary<string, string> InboundForm(string from, string body, string? sid = null, int numMedia = 0, string? optOutType = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = FakeTwilioApi.AccountSid,
            ["MessageSid"] = sid ?? NewSid(),
            ["From"] = from,
            ["To"] = FakeTwilioApi.FromNumber,
            ["Body"] = body,
            ["NumMedia"] = numMedia.ToString(),
        };
        if (optOutType is not null) form["OptOutType"] = optOutType;
        return form;
    }

    /// <summary>A signed request as the Functions host hands it over; <paramref name="signature"/> overrides the real
    /// one.</summary>
    public static HttpRequest Request(string path, IDictionary<string, string> form, string? signature = null, string query = "", string token = FakeTwilioApi.AuthToken, string? signedUrl = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = "https";
        request.Host = new HostString("happytogether.example.org");
        request.Path = path;
        request.QueryString = new QueryString(query);
        request.ContentType = "application/x-www-form-urlencoded";
        var encoded = string.Join('&', form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(encoded));
        request.Headers["X-Twilio-Signature"] = signature ?? Sign(signedUrl ?? PublicBaseUrl + path + query, form, token);
        return request;
    }

    /// <summary>A partner texting the app: the HTTP status and the reply text from the TwiML (null when
    /// empty).</summary>
    public static async Task<(int Status, string? Reply)> TextAsync(this TestApp app, string from, string body, string? sid = null, int numMedia = 0, string? optOutType = null)
    {
        app.Texted.Add(body);
        var result = await app.Function<SmsWebhook>().Inbound(Request("/api/sms", InboundForm(from, body, sid, numMedia, optOutType)), default);
        return Read(result);
    }

    public static (int Status, string? Reply) Read(IActionResult result)
    {
        if (result is not ContentResult content) return (Http.Status(result) ?? 0, null);
        Assert.Equal("application/xml", content.ContentType);
        var message = XDocument.Parse(content.Content!).Root!.Element("Message");
        return (content.StatusCode ?? 200, message?.Value);
    }
}
