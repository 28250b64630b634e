using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HappyTogether.Tests.Domain;

public class SendRateGuardTests
{
    private static SendRateGuard Guard(double rate, TimeProvider clock) =>
        new(Options.Create(new HappyTogetherOptions { SendRatePerSecond = rate }), clock);

    [Fact]
    public async Task A_burst_beyond_the_rate_and_its_short_wait_list_goes_back_to_the_queue_and_the_wait_list_gets_turns_as_the_clock_moves()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
        var guard = Guard(1, clock);
        var turns = Enumerable.Range(0, 20).Select(_ => guard.TryTakeTurnAsync(CancellationToken.None)).ToList();

        // One token now, five waiting for the next ones; the other fourteen return to the queue at once.
        Assert.Equal(1, turns.Count(t => t.IsCompletedSuccessfully && t.Result));
        Assert.Equal(14, turns.Count(t => t.IsCompletedSuccessfully && !t.Result));
        Assert.Equal(5, guard.Waiting);

        // The clock, not the wall clock, hands out the next turns: one a second.
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, guard.Waiting);
        Assert.All(await Task.WhenAll(turns[1], turns[2]), Assert.True);
        clock.Advance(TimeSpan.FromSeconds(3));
        var outcomes = await Task.WhenAll(turns);
        Assert.Equal(6, outcomes.Count(o => o));
        Assert.Equal(0, guard.Waiting);
    }

    [Fact]
    public async Task Within_the_rate_nothing_waits_or_fails()
    {
        var guard = Guard(50, new FakeTimeProvider());
        var waits = Enumerable.Range(0, 50).Select(_ => guard.TryTakeTurnAsync(CancellationToken.None)).ToList();
        Assert.All(waits, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.All(await Task.WhenAll(waits), Assert.True);
    }

    [Fact]
    public async Task A_rate_of_zero_turns_pacing_off_for_simulated_time()
    {
        var guard = Guard(0, new FakeTimeProvider());
        var waits = Enumerable.Range(0, 1000).Select(_ => guard.TryTakeTurnAsync(CancellationToken.None)).ToList();
        Assert.All(waits, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.All(await Task.WhenAll(waits), Assert.True);
        Assert.Equal(TimeSpan.Zero, guard.DelayFor(1000, 3));
    }
}
