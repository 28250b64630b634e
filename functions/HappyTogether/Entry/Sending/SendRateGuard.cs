using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;

namespace HappyTogether.Entry.Sending;

/// <summary>
/// Keeps one instance's sends through Twilio at or under SendRatePerSecond (a long code sends about 1 message a
/// second, a verified toll-free number 3), so a burst waits here and in the queue instead of
/// failing at Twilio with 429s. A text that cannot get a turn within a few seconds is not claimed and
/// goes back to the queue for later. A rate of 0 turns pacing off.
/// </summary>
/// <remarks>
/// Turns are handed out on the app's <see cref="TimeProvider"/>, so simulated time paces sends as real
/// time does (System.Threading.RateLimiting replenishes on the system clock only). It is a token
/// bucket in its "theoretical arrival time" form: a burst of one second's worth goes at once, the
/// next texts wait their turn, and a text whose turn is more than <see cref="MaxWaitSeconds"/> away is refused.
/// </remarks>
public sealed class SendRateGuard(IOptions<HappyTogetherOptions> options, TimeProvider clock)
{
    /// <summary>The longest a text waits here for its turn before it goes back to the queue instead.</summary>
    public const int MaxWaitSeconds = 5;

    private readonly double rate = options.Value.SendRatePerSecond;
    private readonly Lock gate = new();
    private DateTimeOffset nextTurn = DateTimeOffset.MinValue;
    private long waiting;
    private long refused;

    /// <summary>Texts waiting for a turn now.</summary>
    internal long Waiting => Interlocked.Read(ref waiting);

    /// <summary>Texts refused a turn so far (each went back to the queue).</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>Waits for a turn to send; false when the wait would be too long.</summary>
    public async Task<bool> TryTakeTurnAsync(CancellationToken ct)
    {
        if (rate <= 0) return true;
        var interval = TimeSpan.FromSeconds(1 / rate);
        // Whole rates let a second's worth through at once, as a bucket of that many tokens would.
        var burst = rate >= 1 ? interval * (Math.Round(rate) - 1) : TimeSpan.Zero;
        TimeSpan wait;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var turn = nextTurn > now ? nextTurn : now;
            wait = turn - burst - now;
            if (wait > TimeSpan.FromSeconds(MaxWaitSeconds) + interval / 2)
            {
                refused++;
                return false;
            }
            nextTurn = turn + interval;
        }
        if (wait <= TimeSpan.Zero) return true;
        Interlocked.Increment(ref waiting);
        try
        {
            await Task.Delay(wait, clock, ct);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
        return true;
    }

    /// <summary>
    /// How long texts held back wait in the queue: long enough for this instance to send them at the
    /// guarded rate, doubling on each return, with jitter so returns spread out. Nothing waits with pacing off.
    /// </summary>
    public TimeSpan DelayFor(int texts, int deferrals)
    {
        if (rate <= 0) return TimeSpan.Zero;
        var wait = texts / rate * (1 << Math.Min(deferrals, 5)) * (1 + Random.Shared.NextDouble() / 2);
        return TimeSpan.FromSeconds(Math.Clamp(wait, 1, 900));
    }
}
