using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Messaging.V1;
using Twilio.Types;

namespace HappyTogether.Pages.Operations;

/// <summary>One setting the operator command changes (or would change, in a dry run).</summary>
public sealed record WebhookChange(string Resource, string Setting, string? From, string To)
{
    public bool Changes => From != To;

    public override string ToString() => Changes ? $"{Resource} {Setting}: {From ?? "(none)"} -> {To}" : $"{Resource} {Setting}: already {To}";
}

/// <summary>
/// Points Twilio at the app: a phone number's incoming-SMS webhook, or a Messaging Service's inbound
/// URL and delivery status callback. (With a plain number, delivery statuses come back because the
/// app asks for them on every message it sends.)
/// </summary>
public sealed class TwilioWebhooks(ITwilioRestClient client)
{
    public async Task<IReadOnlyList<WebhookChange>> PointNumberAsync(string phoneNumber, Uri smsUrl, bool dryRun)
    {
        var numbers = await IncomingPhoneNumberResource.ReadAsync(new ReadIncomingPhoneNumberOptions { PhoneNumber = new PhoneNumber(phoneNumber) }, client);
        var number = numbers.FirstOrDefault()
            ?? throw new InvalidOperationException($"The Twilio account has no number {phoneNumber}.");
        var resource = $"number {number.PhoneNumber}";
        IReadOnlyList<WebhookChange> changes =
        [
            new(resource, "SmsUrl", number.SmsUrl?.ToString(), smsUrl.ToString()),
            new(resource, "SmsMethod", number.SmsMethod?.ToString(), "POST"),
        ];
        if (!dryRun && changes.Any(c => c.Changes))
        {
            await IncomingPhoneNumberResource.UpdateAsync(
                new UpdateIncomingPhoneNumberOptions(number.Sid) { SmsUrl = smsUrl, SmsMethod = Twilio.Http.HttpMethod.Post }, client);
        }
        return changes;
    }

    public async Task<IReadOnlyList<WebhookChange>> PointMessagingServiceAsync(string serviceSid, Uri smsUrl, Uri statusUrl, bool dryRun)
    {
        var service = await ServiceResource.FetchAsync(new FetchServiceOptions(serviceSid), client);
        var resource = $"messaging service {service.Sid}";
        IReadOnlyList<WebhookChange> changes =
        [
            new(resource, "InboundRequestUrl", service.InboundRequestUrl?.ToString(), smsUrl.ToString()),
            new(resource, "StatusCallback", service.StatusCallback?.ToString(), statusUrl.ToString()),
        ];
        if (!dryRun && changes.Any(c => c.Changes))
        {
            await ServiceResource.UpdateAsync(
                new UpdateServiceOptions(serviceSid) { InboundRequestUrl = smsUrl, InboundMethod = Twilio.Http.HttpMethod.Post, StatusCallback = statusUrl }, client);
        }
        return changes;
    }
}
