using HappyTogether.Entry.Sending;
using HappyTogether.Functions;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Faults;

/// <summary>No duplicates, no misses: concurrent schedulers, and a process stopped at every storage step.</summary>
public class OnceOnlyTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Evening = DueCouples.Evening;

    [Fact]
    public async Task Two_schedulers_running_at_once_over_1000_due_couples_send_each_partner_exactly_one_text()
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1));
        var couples = await DueCouples.SeedAsync(app, 1000, Evening.AddHours(-1));
        app.Clock.SetUtcNow(Evening);

        var ticks = await Task.WhenAll(app.Get<Scheduler>().RunAsync(), app.Get<Scheduler>().RunAsync());
        output.WriteLine($"Tick one: {ticks[0]}; tick two: {ticks[1]}.");
        await app.RunQueueAsync(hidden: TimeSpan.FromMinutes(4));

        var sent = await app.Function<OutboxSmsSender>().ReadAllAsync();
        var perPhone = sent.Where(t => t.Kind == TextKind.Evening).GroupBy(t => t.To).ToDictionary(g => g.Key, g => g.Count());
        var phones = couples.SelectMany(c => c.Partners).Select(p => p.Phone).ToList();
        Assert.Equal(2000, phones.Count);
        Assert.All(phones, phone => Assert.Equal(1, perPhone.GetValueOrDefault(phone)));
        Assert.Equal(2000, sent.Count);
        // And every slot moved on exactly one day.
        app.Clock.SetUtcNow(Evening.AddMinutes(5));
        Assert.Equal(0, (await app.TickAsync()).DueRows);
    }

    [Fact]
    public async Task A_sender_stopped_at_any_storage_request_then_retried_sends_each_text_once()
    {
        // Requests before the claim stands: the couple, the rotation log's read and its first write, the claim itself.
        const int ClaimedAfter = 4;
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1));
        var couples = await DueCouples.SeedAsync(app, 16, Evening.AddHours(-1));
        app.Clock.SetUtcNow(Evening);
        await app.TickAsync();
        var trigger = app.Function<OutboundQueueTrigger>();
        // One job per message, so that each stop falls in a known job.
        var jobs = new List<OutboundJob>();
        foreach (var message in (await app.Queue.ReceiveMessagesAsync(32)).Value)
        {
            jobs.AddRange(OutboundJob.ParseMessage(message.MessageText));
            await app.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        // A healthy job: read the couple, read and write the rotation log (the night's question), claim
        // both texts, record both in the outbox, complete both.
        app.StorageRequests.Reset();
        await trigger.Run(OutboundJob.ToMessage([jobs[0]]), default);
        var requests = app.StorageRequests.Total;
        output.WriteLine($"A healthy job makes {requests} storage requests; stopping the sender at each of them in turn.");
        Assert.InRange(requests, 4, jobs.Count - 1);

        for (var stopAt = 0; stopAt < requests; stopAt++)
        {
            var message = OutboundJob.ToMessage([jobs[stopAt + 1]]);
            app.StorageFaults.FailAfter(stopAt);
            await Assert.ThrowsAnyAsync<Exception>(() => trigger.Run(message, default));
            app.StorageFaults.Heal();
            // A retry at once finds the claim still held (storage took the release down with it) and waits...
            if (stopAt >= ClaimedAfter)
            {
                var retry = await Record.ExceptionAsync(() => trigger.Run(message, default));
                Assert.True(retry is ClaimHeldException, $"stopped at request {stopAt}, the retry threw {retry?.GetType().Name ?? "nothing"}");
            }
            // ...until the lease ends; the queue brings the message back, maybe twice.
            app.Clock.Advance(OutboundSender.ClaimLease);
            await trigger.Run(message, default);
            await trigger.Run(message, default);
        }

        var sent = await app.Function<OutboxSmsSender>().ReadAllAsync();
        foreach (var couple in jobs.Take(requests + 1).Select(j => couples.Single(c => c.Id == j.CoupleId)))
        {
            Assert.Single(sent, t => t.To == couple.A.Phone);
            Assert.Single(sent, t => t.To == couple.B.Phone);
        }
    }

    [Fact]
    public async Task A_send_whose_picks_another_send_stored_first_is_retried_and_sends_the_stored_question()
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1));
        var couple = Assert.Single(await DueCouples.SeedAsync(app, 1, Evening.AddHours(-1)));
        app.Clock.SetUtcNow(Evening);
        await app.TickAsync();
        var message = Assert.Single((await app.Queue.ReceiveMessagesAsync(32)).Value);
        var job = Assert.Single(OutboundJob.ParseMessage(message.MessageText));
        await app.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        // Each partner's text as a job of its own, the way a held partner's text comes back on its own.
        var (forA, forB) = (OutboundJob.ToMessage([job with { Partners = [couple.A.Key] }]), OutboundJob.ToMessage([job with { Partners = [couple.B.Key] }]));
        var trigger = app.Function<OutboundQueueTrigger>();

        // A's send has read the couple and chosen the night's question; before its claim goes out, B's send runs whole.
        app.StorageFaults.BeforeNext(r => r.Method == Azure.Core.RequestMethod.Post && r.Uri.Path.EndsWith("$batch"), () => trigger.Run(forB, default));
        await Assert.ThrowsAsync<HappyTogether.Model.History.StoredMeanwhileException>(() => trigger.Run(forA, default));
        await trigger.Run(forA, default);

        var sent = await app.Function<OutboxSmsSender>().ReadAllAsync();
        var history = await app.Get<HappyTogether.Model.History.HistoryStore>().ReadOutboundAsync(couple.Id, job.Date, job.Date);
        var asked = couple.Partners.Select(p => Assert.Single(history, r => r.Partner == p.Key && r.Kind == TextKind.Evening).PromptId).ToList();
        Assert.All(couple.Partners, p => Assert.Single(sent, t => t.To == p.Phone));
        // Both read the question B's send stored, so their answers can be shared.
        var picks = (await app.Get<HappyTogether.Content.Prompts.RotationLog>().ReadAsync(couple.Id)).Picks;
        var tonight = Assert.Single(picks[Slot.Evening], p => p.Day == job.Date.DayNumber && p.Partner == HappyTogether.Content.Prompts.Pick.Both);
        Assert.Equal([tonight.PromptId, tonight.PromptId], asked);
    }

    [Fact]
    public async Task A_late_release_by_an_attempt_whose_claim_was_taken_over_does_not_free_the_new_holder()
    {
        await using var app = await TestApp.StartAsync(Evening);
        var history = app.Get<HappyTogether.Model.History.HistoryStore>();
        var claim = new HappyTogether.Model.History.OutboundRecord(new DateOnly(2027, 1, 5), TextKind.Evening, "a") { ClaimedUtc = Evening, Attempt = "first", AttemptUtc = Evening };
        var (first, claimed) = Assert.Single(await history.ClaimAllAsync("late", [claim]));
        Assert.True(claimed);

        // The first attempt stalls past the lease; a second one takes the claim over; then the first gives up and
        // releases.
        var (stale, _) = await history.ClaimAsync("late", claim);
        var second = await history.TakeOverAsync("late", stale, "second", Evening.Add(OutboundSender.ClaimLease));
        Assert.NotNull(second);
        await history.ReleaseAsync("late", first);

        var (now, _) = await history.ClaimAsync("late", claim);
        Assert.Equal(("second", false), (now.Attempt, now.Released));
        // The holder's own release does count.
        await history.ReleaseAsync("late", second);
        Assert.True((await history.ClaimAsync("late", claim)).Record.Released);
    }

    [Fact]
    public async Task A_scheduler_stopped_at_any_storage_request_then_ticked_again_sends_each_text_once()
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1));
        var couples = await DueCouples.SeedAsync(app, 40, Evening.AddHours(-1));
        app.Clock.SetUtcNow(Evening);
        var scheduler = app.Get<Scheduler>();
        // The timer: each shard's first row, its messages, the heartbeat. Stop it at each of those steps.
        for (var stopAt = 0; stopAt < DueIndex.Shards + 16 + 1; stopAt++)
        {
            app.StorageFaults.FailAfter(stopAt);
            try
            {
                await scheduler.RunAsync();
            }
            catch (Azure.RequestFailedException)
            {
            }
            app.StorageFaults.Heal();
        }
        // The shard work it queued, page by page as the trigger runs it: a range query, the jobs' messages, the
        // re-arming transaction. Stop the pages at each of those steps; each stop leaves its page for another try.
        var works = new List<ShardWork>();
        foreach (var message in (await app.Queue.ReceiveMessagesAsync(32)).Value)
        {
            works.Add(ShardWork.From(message.MessageText)!);
            await app.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
        Assert.NotEmpty(works);
        for (var stopAt = 0; stopAt < 3 * works.Count; stopAt++)
        {
            app.StorageFaults.FailAfter(stopAt);
            try
            {
                foreach (var work in works) await scheduler.RunShardAsync(work);
            }
            catch (Azure.RequestFailedException)
            {
            }
            app.StorageFaults.Heal();
        }
        await app.Get<Scheduler>().RunAsync();
        await app.RunQueueAsync();

        var sent = await app.Function<OutboxSmsSender>().ReadAllAsync();
        Assert.All(couples.SelectMany(c => c.Partners), p => Assert.Single(sent, t => t.To == p.Phone));
        Assert.Equal(0, (await app.TickAsync()).DueRows);
    }

    [Fact]
    public async Task A_shard_page_delivered_twice_and_a_tick_over_the_last_ones_work_send_each_text_once()
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1));
        var couples = await DueCouples.SeedAsync(app, 300, Evening.AddHours(-1));
        app.Clock.SetUtcNow(Evening);
        await app.Get<Scheduler>().RunAsync();
        // Every shard message twice, as an at-least-once queue may deliver it, and a second tick while they wait.
        foreach (var message in (await app.Queue.PeekMessagesAsync(32)).Value)
            await app.Queue.SendMessageAsync(message.MessageText);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.Get<Scheduler>().RunAsync();
        await app.RunQueueAsync(hidden: TimeSpan.FromMinutes(4));

        var sent = await app.Function<OutboxSmsSender>().ReadAllAsync();
        Assert.All(couples.SelectMany(c => c.Partners), p => Assert.Single(sent, t => t.To == p.Phone));
        Assert.Equal(600, sent.Count);
        Assert.Equal(0, (await app.TickAsync()).DueRows);
    }
}
