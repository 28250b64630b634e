using HappyTogether.Sending;
using Microsoft.Extensions.Options;

namespace HappyTogether.Tests.Domain;

public class SendRateGuardTests
{
    [Fact]
    public async Task A_burst_beyond_the_rate_and_its_short_wait_list_goes_back_to_the_queue()
    {
        using var guard = new SendRateGuard(Options.Create(new HappyTogetherOptions { SendRatePerSecond = 1 }));
        var turns = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => guard.TryTakeTurnAsync(CancellationToken.None)));
        var outcomes = turns.Select(t => t ? "sent" : "queued again").ToList();
        // One token now, five waiting for the next ones; the other fourteen return to the queue at once.
        Assert.Equal(6, outcomes.Count(o => o == "sent"));
        Assert.Equal(14, outcomes.Count(o => o == "queued again"));
    }

    [Fact]
    public async Task Within_the_rate_nothing_waits_or_fails()
    {
        using var guard = new SendRateGuard(Options.Create(new HappyTogetherOptions { SendRatePerSecond = 50 }));
        var waits = Enumerable.Range(0, 50).Select(_ => guard.TryTakeTurnAsync(CancellationToken.None)).ToList();
        Assert.All(waits, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.All(await Task.WhenAll(waits), Assert.True);
    }
}
