using HappyTogether.Foundation.Settings;
using HappyTogether.Lifecycle.Erasure;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;

namespace HappyTogether.Entry.Sending;

/// <summary>Deletes messages from the Twilio account's log (DELETE on the Messages resource), retrying as a send
/// does.</summary>
public sealed class TwilioMessageDeletion(ITwilioRestClient client, IOptions<HappyTogetherOptions> options) : IProviderMessages
{
    /// <summary>Twilio's code for a message that cannot be deleted yet: it is still queued, sending or
    /// receiving.</summary>
    public const int InProgress = 20009;

    // The same backoff as a send (SmsRetry): 429, 5xx and timeouts are retried; everything else is an answer.
    private readonly ResiliencePipeline retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ApiConnectionException>().Handle<ApiException>(e => e.Status is 429 or >= 500),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.SendRetryDelay,
        })
        .Build();

    public async Task<ProviderDeletion> DeleteAsync(string sid, CancellationToken ct = default)
    {
        try
        {
            await retry.ExecuteAsync(async _ => await MessageResource.DeleteAsync(sid, client: client), ct);
            return ProviderDeletion.Deleted;
        }
        catch (ApiException e) when (e.Status == 404)
        {
            return ProviderDeletion.Deleted;
        }
        catch (ApiException e) when (e.Code == InProgress)
        {
            return ProviderDeletion.InFlight;
        }
        catch (Exception e) when (e is ApiException or ApiConnectionException)
        {
            return ProviderDeletion.Failed;
        }
    }
}
