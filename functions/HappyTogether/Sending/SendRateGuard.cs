using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HappyTogether.Sending;

/// <summary>
/// Keeps one instance's sends through Twilio at or under SendRatePerSecond (a long code sends about 1 message a
/// second, a verified toll-free number 3), so a burst waits here and in the queue instead of
/// failing at Twilio with 429s. A text that cannot get a turn within a few seconds is not claimed and
/// goes back to the queue for later.
/// </summary>
public sealed class SendRateGuard : IDisposable
{
    private readonly TokenBucketRateLimiter limiter;
    private readonly double rate;

    public SendRateGuard(IOptions<HappyTogetherOptions> options)
    {
        rate = Math.Max(options.Value.SendRatePerSecond, 0.01);
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

    /// <summary>Waits for a turn to send; false when the wait would be too long.</summary>
    public async Task<bool> TryTakeTurnAsync(CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(1, ct);
        return lease.IsAcquired;
    }

    /// <summary>
    /// How long texts held back wait in the queue: long enough for this instance to send them at the
    /// guarded rate, doubling on each return, with jitter so returns spread out.
    /// </summary>
    public TimeSpan DelayFor(int texts, int deferrals)
    {
        var wait = texts / rate * (1 << Math.Min(deferrals, 5)) * (1 + Random.Shared.NextDouble() / 2);
        return TimeSpan.FromSeconds(Math.Clamp(wait, 1, 900));
    }

    public void Dispose() => limiter.Dispose();
}
