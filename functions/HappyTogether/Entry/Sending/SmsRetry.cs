using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace HappyTogether.Entry.Sending;

/// <summary>
/// Sends one text through the SMS port, retrying transient failures. Once an attempt may have gone
/// out (an uncertain failure, or an earlier attempt's claim taken over), each try first asks the
/// provider for a matching text, so a text is never sent twice.
/// </summary>
public sealed class SmsRetry(ISmsSender sms, IOptions<HappyTogetherOptions> options)
{
    private readonly ResiliencePipeline<SentSms> retry = new ResiliencePipelineBuilder<SentSms>()
        .AddRetry(new RetryStrategyOptions<SentSms>
        {
            ShouldHandle = new PredicateBuilder<SentSms>().Handle<SmsSendException>(e => e.IsTransient),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.SendRetryDelay,
        })
        .Build();

    /// <param name="outgoing">The text.</param>
    /// <param name="uncertain">An earlier attempt may have sent it: look before sending.</param>
    /// <param name="since">When the first attempt began: a matching text from then on counts as sent.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<SentSms> SendAsync(OutgoingSms outgoing, bool uncertain, DateTimeOffset since, CancellationToken ct) =>
        retry.ExecuteAsync(
            async token =>
            {
                if (uncertain && await sms.FindSentAsync(outgoing, since.AddMinutes(-1), token) is { } earlier)
                    return earlier;
                try
                {
                    return await sms.SendAsync(outgoing, token);
                }
                catch (SmsSendException e) when (e.Failure == SmsFailure.Uncertain)
                {
                    uncertain = true;
                    throw;
                }
            },
            ct).AsTask();
}
