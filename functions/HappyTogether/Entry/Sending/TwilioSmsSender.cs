using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace HappyTogether.Entry.Sending;

/// <summary>Sends texts through Twilio's Messages API with the injected REST client.</summary>
public sealed class TwilioSmsSender(ITwilioRestClient client, IOptions<HappyTogetherOptions> options) : ISmsSender
{
    private readonly HappyTogetherOptions settings = options.Value;

    public string Description => string.IsNullOrWhiteSpace(settings.TwilioMessagingServiceSid)
        ? $"Twilio (from {HappyTogether.Foundation.Phones.PhoneMask.Mask(settings.TwilioFromNumber)})"
        : "Twilio (Messaging Service)";

    public async Task<SentSms> SendAsync(OutgoingSms sms, CancellationToken ct = default)
    {
        var create = new CreateMessageOptions(new PhoneNumber(sms.To)) { Body = sms.Body };
        if (!string.IsNullOrWhiteSpace(settings.TwilioMessagingServiceSid))
            create.MessagingServiceSid = settings.TwilioMessagingServiceSid;
        else
            create.From = new PhoneNumber(settings.TwilioFromNumber);
        if (!string.IsNullOrWhiteSpace(settings.PublicBaseUrl))
            create.StatusCallback = StatusCallback.Url(settings.PublicBaseUrl, sms.Callback);
        if (sms.ValidFor is { } validFor)
            create.ValidityPeriod = ValidityPeriod(validFor);

        try
        {
            var message = await MessageResource.CreateAsync(create, client);
            return new SentSms(message.Sid, message.Status?.ToString() ?? "queued");
        }
        catch (ApiException e)
        {
            throw Classify(e);
        }
        catch (ApiConnectionException e)
        {
            throw new SmsSendException(SmsFailure.Uncertain, null, "Twilio could not be reached or did not answer in time.", e);
        }
    }

    /// <summary>Most messages to the number read when settling an uncertain send: three pages of 50, weeks of texts to
    /// one partner.</summary>
    public const int FindLimit = 150;

    /// <summary>
    /// Settles an uncertain send from Twilio's message list: a message to the number with the same body, created at or
    /// after <paramref name="since"/>, counts as sent. First those sent since then (DateSentAfter, one page however long
    /// the number's history); then, since a message still queued or accepted at Twilio (a backlog, a Messaging
    /// Service's queue) has no DateSent yet and that filter misses it, the newest messages to the number without a
    /// DateSent filter, at most <see cref="FindLimit"/>.
    /// </summary>
    public async Task<SentSms?> FindSentAsync(OutgoingSms sms, DateTimeOffset since, CancellationToken ct = default)
    {
        try
        {
            var sent = new ReadMessageOptions { To = new PhoneNumber(sms.To), DateSentAfter = since.UtcDateTime, PageSize = 50, Limit = 50 };
            var any = new ReadMessageOptions { To = new PhoneNumber(sms.To), PageSize = 50, Limit = FindLimit };
            var match = Match(await MessageResource.ReadAsync(sent, client), sms, since)
                ?? Match(await MessageResource.ReadAsync(any, client), sms, since);
            return match is null ? null : new SentSms(match.Sid, match.Status?.ToString() ?? "queued");
        }
        catch (Exception e) when (e is ApiException or ApiConnectionException)
        {
            throw new SmsSendException(SmsFailure.Uncertain, null, "Twilio's message list could not be read.", e);
        }
    }

    /// <summary>Twilio's ValidityPeriod bounds, in seconds: at most 36,000 (10 hours, also the default); Twilio advises
    /// more than 5.</summary>
    public const int MinValidity = 5, MaxValidity = 36_000;

    /// <summary>The ValidityPeriod for a text worth delivering for <paramref name="validFor"/>, within Twilio's
    /// range.</summary>
    public static int ValidityPeriod(TimeSpan validFor) =>
        (int)Math.Clamp(Math.Ceiling(validFor.TotalSeconds), MinValidity, MaxValidity);

    private static MessageResource? Match(IEnumerable<MessageResource> messages, OutgoingSms sms, DateTimeOffset since) =>
        messages.FirstOrDefault(m => m.Body == sms.Body && m.DateCreated is { } created && AsUtc(created) >= since.UtcDateTime);

    private static DateTime AsUtc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Local => t.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        _ => t,
    };

    private static SmsSendException Classify(ApiException e) => e switch
    {
        { Code: SmsErrorCodes.OptedOut } => new SmsSendException(SmsFailure.OptedOut, e.Code, "The recipient has opted out.", e),
        { Status: 429 } => new SmsSendException(SmsFailure.NotSent, e.Code, "Twilio is rate limiting.", e),
        { Status: >= 500 } => new SmsSendException(SmsFailure.Uncertain, e.Code, $"Twilio answered {e.Status}.", e),
        _ => new SmsSendException(SmsFailure.Permanent, e.Code, $"Twilio refused the message ({e.Status}, code {e.Code}).", e),
    };
}
