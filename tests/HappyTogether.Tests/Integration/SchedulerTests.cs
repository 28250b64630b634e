using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Functions;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Integration;

public class SchedulerTests(ITestOutputHelper output)
{
    // Monday 2027-01-04 in Chicago (UTC-6).
    private static DateTimeOffset Chicago(int day, int hour, int minute = 0) => new DateTimeOffset(2027, 1, day, hour, minute, 0, TimeSpan.FromHours(-6)).ToUniversalTime();

    [Fact]
    public async Task Nothing_recurring_goes_to_a_partner_before_they_opt_in()
    {
        await using var app = await TestApp.StartAsync(Chicago(4, 6));
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        for (var t = Chicago(4, 6); t < Chicago(6, 6); t = t.AddHours(1))
        {
            app.Clock.SetUtcNow(t);
            Assert.Equal(0, (await app.Get<Scheduler>().RunAsync()).DueRows);
            await app.DrainQueueAsync();
        }
        // Enrolled at 06:00, before their waking hours: the invitation waited for 07:00.
        var invitation = Assert.Single(await app.ReceivedAsync(couple, "a"));
        Assert.Equal((TextKind.Invitation, Chicago(4, 7)), (invitation.Kind, invitation.Utc));
    }

    [Fact]
    public async Task Opt_in_records_when_how_and_the_disclosure_then_confirms()
    {
        await using var app = await TestApp.StartAsync(Chicago(4, 7));
        var couple = await app.EnrollOptedInAsync();
        var log = await app.Get<CoupleStore>().ReadConsentLogAsync(couple.Id);
        Assert.Equal(2, log.Count);
        var a = log.Single(r => r.GetString("Partner") == "a");
        Assert.Equal("OptedIn", a.GetString("State"));
        Assert.Equal("test:YES", a.GetString("Method"));
        Assert.Equal(app.Clock.GetUtcNow(), a.GetDateTimeOffset("AtUtc"));
        Assert.Contains("Msg & data rates may apply", a.GetString("Disclosure"));
        Assert.Contains("Reply YES to join", a.GetString("Disclosure"));

        var confirmation = (await app.ReceivedAsync(couple, "a")).Single(t => t.Kind == TextKind.Confirmation).Body;
        // 12-hour times for a North American number.
        Assert.Contains("an idea at 8am and a question at 8:30pm", confirmation);
        Assert.Contains("HELP", confirmation);
        Assert.Contains("STOP", confirmation);
        Assert.Contains("Msg & data rates may apply", confirmation);
    }

    [Fact]
    public async Task After_an_outage_a_slot_is_caught_up_the_same_day_while_awake_and_skipped_at_night()
    {
        await using var app = await TestApp.StartAsync(Chicago(4, 7));
        var couple = await app.EnrollOptedInAsync();
        var scheduler = app.Get<Scheduler>();

        // Down from 07:55 to 15:00: the 08:00 idea still goes out, late.
        app.Clock.SetUtcNow(Chicago(4, 15));
        Assert.Equal(1, (await scheduler.RunAsync()).JobsQueued);
        await app.DrainQueueAsync();

        // Down from 20:00 to 22:00: the 20:30 question is skipped, never sent at night.
        app.Clock.SetUtcNow(Chicago(4, 22));
        var late = await scheduler.RunAsync();
        Assert.Equal((2, 0, 2), (late.DueRows, late.JobsQueued, late.SlotsSkipped));

        // Down for two whole days: only today's slot that is still ahead is kept.
        app.Clock.SetUtcNow(Chicago(7, 9));
        Assert.Equal(1, (await scheduler.RunAsync()).JobsQueued);
        await app.DrainQueueAsync();
        app.Clock.SetUtcNow(Chicago(7, 20, 30));
        await scheduler.RunAsync();
        await app.DrainQueueAsync();

        var received = (await app.ReceivedAsync(couple, "a")).Skip(2).Select(t => (t.Kind, ZoneTime.ToLocal(t.Utc, couple.A.Zone))).ToList();
        Assert.Equal(
            [
                (TextKind.Morning, new DateTime(2027, 1, 4, 15, 0, 0)),
                (TextKind.Morning, new DateTime(2027, 1, 7, 9, 0, 0)),
                (TextKind.Evening, new DateTime(2027, 1, 7, 20, 30, 0)),
            ],
            received);
    }

    [Fact]
    public async Task Queue_messages_are_base64_json_arrays_of_one_job_per_couple_and_slot()
    {
        await using var app = await TestApp.StartAsync(Chicago(4, 7));
        var couple = await app.EnrollOptedInAsync();
        app.Clock.SetUtcNow(Chicago(4, 8));
        await app.Get<Scheduler>().RunAsync();

        var raw = new QueueClient(Azurite.ConnectionString, app.Queue.Name);
        var message = Assert.Single((await raw.PeekMessagesAsync(32)).Value);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()));
        var job = Assert.Single(JsonSerializer.Deserialize<JsonElement>(json).EnumerateArray());
        Assert.Equal(couple.Id, job.GetProperty("coupleId").GetString());
        Assert.Equal("morning", job.GetProperty("kind").GetString());
        Assert.Equal("2027-01-04", job.GetProperty("date").GetString());
        Assert.Equal(["a", "b"], job.GetProperty("partners").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_timer_that_fires_twice_at_once_sends_each_text_once()
    {
        await using var app = await TestApp.StartAsync(Chicago(4, 7));
        var couple = await app.EnrollOptedInAsync();
        app.Clock.SetUtcNow(Chicago(4, 8));
        var timer = app.Function<SchedulerTimer>();
        await Task.WhenAll(timer.Run(null!, default), timer.Run(null!, default));
        await timer.Run(null!, default);
        await app.DrainQueueAsync();

        Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Morning);
        Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Morning);
        // And the slot moved on exactly one day.
        var armed = await app.Get<DueIndex>().ReadArmedAsync(couple.Id);
        Assert.Equal(Chicago(5, 8), armed.Single(s => s.Partner == "a" && s.Slot == Slot.Morning).DueUtc);
    }

    [Fact]
    public async Task A_queue_message_delivered_twice_or_after_the_log_was_written_sends_once()
    {
        await using var app = await TestApp.StartAsync(Chicago(4, 7));
        var couple = await app.EnrollOptedInAsync();
        app.Clock.SetUtcNow(Chicago(4, 8));
        await app.Get<Scheduler>().RunAsync();
        var message = Assert.Single((await app.Queue.ReceiveMessagesAsync(32)).Value);

        // The host died after the sender finished but before it completed the message: it comes back.
        var trigger = app.Function<OutboundQueueTrigger>();
        await trigger.Run(message.MessageText, default);
        await trigger.Run(message.MessageText, default);
        await Task.WhenAll(trigger.Run(message.MessageText, default), trigger.Run(message.MessageText, default));

        Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Morning);
        Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Morning);
    }

    [Theory]
    [InlineData(CrashPoint.BeforeSend)]
    [InlineData(CrashPoint.AfterSendBeforeLog)]
    public async Task A_process_that_dies_between_steps_neither_duplicates_nor_loses_the_text(CrashPoint point)
    {
        await using var app = await TestApp.StartAsync(Chicago(4, 7), services: s =>
            s.AddSingleton<ISmsSender>(sp => new CrashingSender(ActivatorUtilities.CreateInstance<OutboxSmsSender>(sp), point)));
        var couple = await app.EnrollAsync();
        var message = Assert.Single((await app.Queue.ReceiveMessagesAsync(32)).Value);
        var trigger = app.Function<OutboundQueueTrigger>();

        await Assert.ThrowsAsync<CrashingSender.ProcessDied>(() => trigger.Run(message.MessageText, default));
        await trigger.Run(message.MessageText, default);

        var invitations = await app.ReceivedAsync(couple, "a");
        var text = Assert.Single(invitations);
        Assert.Equal(TextKind.Invitation, text.Kind);
        Assert.Single(await app.ReceivedAsync(couple, "b"));
        var record = Assert.Single(await app.Get<HappyTogether.Model.History.HistoryStore>().ReadOutboundAsync(couple.Id, DateOnly.MinValue, new DateOnly(2100, 1, 1)), r => r.Partner == "a");
        Assert.Equal("sent", record.Status);
    }

    [Fact]
    public async Task A_burst_beyond_the_send_rate_waits_in_the_queue_not_the_poison_queue_and_each_text_goes_out_once()
    {
        // One text a second on the app's clock: one turn now and five waiting, so a message of four couples (eight
        // texts) sends six and puts two back.
        await using var app = await TestApp.StartAsync(Chicago(4, 7), settings: new Dictionary<string, string?> { ["SendRatePerSecond"] = "1" });
        var couples = Enumerable.Range(0, 4).Select(i => new Couple
        {
            Id = $"burst{i}",
            CreatedUtc = Chicago(4, 6),
            TimeZone = "America/Chicago",
            A = new Partner { Key = "a", Name = "A", Phone = $"+1312555{i:D4}", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30), Consent = ConsentState.OptedIn },
            B = new Partner { Key = "b", Name = "B", Phone = $"+1773555{i:D4}", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30), Consent = ConsentState.OptedIn },
        }).ToList();
        foreach (var couple in couples)
        {
            await app.Get<CoupleStore>().AddAsync(couple);
            await app.Get<DueIndex>().ArmAsync(couple, couple.A, Chicago(4, 6));
            await app.Get<DueIndex>().ArmAsync(couple, couple.B, Chicago(4, 6));
        }
        app.Clock.SetUtcNow(Chicago(4, 8));
        await app.Get<Scheduler>().RunAsync();
        var guard = app.Get<SendRateGuard>();

        // All eight asked for a turn: one got it, five wait for the clock, two were refused. Five seconds later the
        // five go.
        var first = app.DrainQueueAsync();
        await Until(() => guard.Waiting == 5 && guard.Refused == 2);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await first);
        var afterFirst = await MorningsAsync();
        Assert.Equal(6, afterFirst.Count);
        // The two held back are queued again, invisible for a couple of seconds, with nothing claimed for them.
        Assert.Equal(1, (await app.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await app.Queue.PeekMessagesAsync(32)).Value);
        Assert.Equal(6, (await Task.WhenAll(couples.Select(c => app.Get<HistoryStore>().ReadOutboundAsync(c.Id, DateOnly.MinValue, new DateOnly(2100, 1, 1))))).Sum(r => r.Count));

        // The returned message comes back when the queue shows it (the storage service's own clock); one turn is ready,
        // the other a second later.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = app.RunQueueAsync(hidden: TimeSpan.FromSeconds(30));
        await Until(() => guard.Waiting == 1);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var run = await second;
        Assert.Equal((1, 0, 0), (run.Handled, run.Failures, run.Poisoned));
        var all = await MorningsAsync();
        Assert.Equal(8, all.Count);
        Assert.Equal(8, all.Distinct().Count());
        Assert.False(await app.Get<QueueServiceClient>().GetQueueClient(app.Queue.Name + "-poison").ExistsAsync());

        // Waits for the sender to reach a state (no clock involved: it only yields until the other tasks get there).
        static async Task Until(Func<bool> condition)
        {
            for (var i = 0; i < 3000 && !condition(); i++) await Task.Delay(10);
            Assert.True(condition(), "The sender did not reach the expected state.");
        }

        async Task<List<string>> MorningsAsync() =>
            [.. (await Task.WhenAll(couples.SelectMany(c => c.Partners.Select(async p => (await app.OutboxAsync(p.Phone)).Where(t => t.Kind == TextKind.Morning).Select(_ => p.Phone)))))
                .SelectMany(x => x)];
    }

    [Fact]
    public async Task Storage_requests_per_tick_grow_with_due_couples_not_enrolled_couples()
    {
        var ten = await MeasureTickAsync(enrolled: 10, due: 10);
        var thousand = await MeasureTickAsync(enrolled: 1000, due: 10);
        output.WriteLine($"10 due of 10 enrolled: {ten}; 10 due of 1,000 enrolled: {thousand}");
        // One range query per shard, one re-arming transaction per shard the due couples fall in, the heartbeat, one
        // enqueue per 8 couples.
        foreach (var tick in new[] { ten, thousand })
            Assert.Equal((DueIndex.Shards + tick.ShardsTouched + 1, 2), (tick.Tables, tick.Queues));
    }

    /// <summary>Storage requests (table, queue) of the scheduler tick that finds <paramref name="due"/> couples
    /// due.</summary>
    private static async Task<(int Tables, int Queues, int ShardsTouched)> MeasureTickAsync(int enrolled, int due)
    {
        await using var app = await TestApp.StartAsync(Chicago(4, 7));
        var index = app.Get<DueIndex>();
        var others = Enumerable.Range(0, enrolled - due).Select(i => new Couple
        {
            Id = $"other{i:D5}",
            CreatedUtc = Chicago(4, 6),
            TimeZone = "America/Chicago",
            A = new Partner { Key = "a", Name = "A", Phone = $"+1312555{i:D4}", TimeZone = "America/Chicago", MorningTime = new(9, 0), EveningTime = new(21, 0) },
            B = new Partner { Key = "b", Name = "B", Phone = $"+1773555{i:D4}", TimeZone = "America/Chicago", MorningTime = new(9, 0), EveningTime = new(21, 0) },
        });
        await Parallel.ForEachAsync(others, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (couple, ct) =>
        {
            await index.ArmAsync(couple, couple.A, Chicago(4, 6), ct);
            await index.ArmAsync(couple, couple.B, Chicago(4, 6), ct);
        });
        var dueCouples = new List<string>();
        for (var i = 0; i < due; i++)
        {
            dueCouples.Add((await app.EnrollOptedInAsync($"+1630555{i:D4}", $"+1847555{i:D4}")).Id);
        }
        // Enrollment queued their invitations and confirmations: not part of the tick measured here.
        await app.Queue.ClearMessagesAsync();

        app.Clock.SetUtcNow(Chicago(4, 8));
        app.StorageRequests.Reset();
        var tick = await app.Get<Scheduler>().RunAsync();
        Assert.Equal((due * 2, due), (tick.DueRows, tick.JobsQueued));
        return (app.StorageRequests.Tables, app.StorageRequests.Queues, dueCouples.Select(DueIndex.Partition).Distinct().Count());
    }
}
