using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HappyTogether.Sending;

/// <summary>A send waited too long for its turn under the send-rate guard; the queue will bring it back.</summary>
public sealed class SendThrottledException() : Exception("The send rate limit is reached; the message returns to the queue.");

/// <summary>
/// Keeps one instance's sends through Twilio at or under SendRatePerSecond (a long code sends about 1 message a
/// second, a verified toll-free number 3), so a burst waits here and in the queue instead of
/// failing at Twilio with 429s. A send that cannot get a turn within a few seconds goes back to the queue.
/// </summary>
public sealed class SendRateGuard : IDisposable
{
    private readonly TokenBucketRateLimiter limiter;

    public SendRateGuard(IOptions<HappyTogetherOptions> options)
    {
        var rate = Math.Max(options.Value.SendRatePerSecond, 0.01);
        // Fractional rates refill one token per 1/rate seconds; whole rates refill each second.
        var (tokens, period) = rate >= 1 ? ((int)Math.Round(rate), TimeSpan.FromSeconds(1)) : (1, TimeSpan.FromSeconds(1 / rate));
        limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = Math.Max(tokens * 5, 1),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Waits for a turn to send; throws <see cref="SendThrottledException"/> when the wait would be too long.</summary>
    public async Task WaitTurnAsync(CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(1, ct);
        if (!lease.IsAcquired) throw new SendThrottledException();
    }

    public void Dispose() => limiter.Dispose();
}
