using Azure;
using HappyTogether.Entry.Inbound;
using HappyTogether.Entry.Sending;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Twilio.TwiML;

namespace HappyTogether.Functions;

/// <summary>Twilio's webhooks: inbound texts and delivery status callbacks. Anonymous, authenticated by
/// signature.</summary>
public sealed class SmsWebhook(WebhookSignature signature, Conversation conversation, DeliveryReports deliveries, ILogger<SmsWebhook> log)
{
    [Function("SmsInbound")]
    public async Task<IActionResult> Inbound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sms")] HttpRequest req, CancellationToken ct)
    {
        var (form, refusal) = await SignedFormAsync(req, ct);
        if (form is null) return refusal!;
        if (!form.TryGetValue("From", out var from) || !form.TryGetValue("MessageSid", out var sid))
            return Problems.BadRequest("From", "A Twilio inbound message has From and MessageSid.");

        var numMedia = int.TryParse(form.GetValueOrDefault("NumMedia"), out var n) ? n : 0;
        string? reply;
        try
        {
            // Twilio adds OptOutType only when Advanced Opt-Out classified the text; it then decides over the body.
            var text = new InboundText(from, form.GetValueOrDefault("Body"), sid, numMedia, form.GetValueOrDefault("OptOutType"));
            reply = await conversation.HandleAsync(text, ct);
        }
        catch (RequestFailedException e)
        {
            return Unavailable(e);
        }
        var twiml = new MessagingResponse();
        if (reply is not null) twiml.Message(reply);
        return new ContentResult { Content = twiml.ToString(), ContentType = "application/xml", StatusCode = StatusCodes.Status200OK };
    }

    [Function("SmsStatus")]
    public async Task<IActionResult> Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = StatusCallback.Route)] HttpRequest req, CancellationToken ct)
    {
        var (form, refusal) = await SignedFormAsync(req, ct);
        if (form is null) return refusal!;
        var errorCode = int.TryParse(form.GetValueOrDefault("ErrorCode"), out var code) ? code : (int?)null;
        var callback = StatusCallback.Parse(req.QueryString.Value);
        try
        {
            await deliveries.RecordAsync(
                new DeliveryReport(callback?.CoupleId, callback?.RowKey, form.GetValueOrDefault("MessageSid"), form.GetValueOrDefault("MessageStatus"), errorCode),
                ct);
        }
        catch (RequestFailedException e)
        {
            return Unavailable(e);
        }
        return new NoContentResult();
    }

    /// <summary>Storage failed: a 5xx makes Twilio try again, and the retry is handled once by its
    /// MessageSid.</summary>
    private StatusCodeResult Unavailable(RequestFailedException e)
    {
        log.LogWarning("Storage failed ({Status} {Code}); answering 503 so Twilio retries.", e.Status, e.ErrorCode);
        return new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The posted form when its X-Twilio-Signature is valid; otherwise the answer to give: 403, 413 for a body
    /// over the bound, or 400 for a form that cannot be read.</summary>
    private async Task<(Dictionary<string, string>? Form, IActionResult? Refusal)> SignedFormAsync(HttpRequest req, CancellationToken ct)
    {
        var forbidden = new StatusCodeResult(StatusCodes.Status403Forbidden);
        if (!req.HasFormContentType) return (null, forbidden);
        Dictionary<string, string> form;
        try
        {
            if (await WebhookForm.ReadAsync(req, ct) is not { } read) return (null, new StatusCodeResult(StatusCodes.Status413PayloadTooLarge));
            form = read.ToDictionary(f => f.Key, f => f.Value.ToString());
        }
        catch (InvalidDataException)
        {
            // ASP.NET Core refuses a value with a NUL character; such a form cannot be checked, so nothing of it is
            // kept.
            return (null, Problems.BadRequest("body", "The form could not be read."));
        }
        var valid = signature.IsValid($"{req.Scheme}://{req.Host}", req.Path + req.QueryString, form, req.Headers["X-Twilio-Signature"]);
        return valid ? (form, null) : (null, forbidden);
    }
}
