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
            Assert.Equal(0, (await app.TickAsync()).DueRows);
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
        Assert.Equal(1, (await app.TickAsync()).JobsQueued);
        await app.DrainQueueAsync();

        // Down from 20:00 to 22:00: the 20:30 question is skipped, never sent at night.
        app.Clock.SetUtcNow(Chicago(4, 22));
        var late = await app.TickAsync();
        Assert.Equal((2, 0, 2), (late.DueRows, late.JobsQueued, late.SlotsSkipped));

        // Down for two whole days: only today's slot that is still ahead is kept.
        app.Clock.SetUtcNow(Chicago(7, 9));
        Assert.Equal(1, (await app.TickAsync()).JobsQueued);
        await app.DrainQueueAsync();
        app.Clock.SetUtcNow(Chicago(7, 20, 30));
        await app.TickAsync();
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
        await app.TickAsync();

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
        await app.TickAsync();
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
        // Four couples of one shard, so that their jobs share one message.
        var ids = Enumerable.Range(0, 200).Select(i => $"burst{i}").GroupBy(DueIndex.Partition).First(g => g.Count() >= 4).Take(4).ToList();
        var couples = Enumerable.Range(0, 4).Select(i => new Couple
        {
            Id = ids[i],
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
        await app.TickAsync();
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
        foreach (var tick in new[] { ten, thousand })
        {
            // The timer: each shard's first row and the heartbeat, then one message per shard with something due.
            Assert.Equal((DueIndex.Shards + 1, tick.ShardsTouched), tick.Timer);
            // Each shard's page: one range query and one re-arming transaction, one enqueue of its few couples' jobs.
            Assert.Equal((2 * tick.ShardsTouched, tick.ShardsTouched), tick.Shards);
        }
    }

    [Fact]
    public async Task The_timer_does_the_same_work_for_ten_or_a_thousand_due_couples()
    {
        var ten = await MeasureTickAsync(enrolled: 10, due: 10);
        var many = await MeasureTickAsync(enrolled: 1000, due: 1000, optIn: false);
        output.WriteLine($"10 due: {ten}; 1,000 due: {many}");
        // 1,000 couples fill all sixteen shards: the timer's work is the same as for ten, bar the messages it queues.
        Assert.Equal(DueIndex.Shards, many.ShardsTouched);
        Assert.Equal(ten.Timer.Tables, many.Timer.Tables);
        Assert.Equal(DueIndex.Shards, many.Timer.Queues);
        // About 125 due rows a shard: one page each.
        Assert.True(many.Pages == DueIndex.Shards, $"{many.Pages} pages");
    }

    [Fact]
    public async Task A_shards_due_rows_read_page_after_page_are_each_read_once()
    {
        await using var app = await TestApp.StartAsync(Chicago(4, 7));
        var index = app.Get<DueIndex>();
        var ids = Enumerable.Range(0, 400).Select(i => $"page{i:D3}").GroupBy(DueIndex.Partition).First(g => g.Count() >= 12).Take(12).ToList();
        foreach (var id in ids) await ArmOnlyAsync(index, id);
        var shard = int.Parse(DueIndex.Partition(ids[0])[4..], System.Globalization.CultureInfo.InvariantCulture);
        var through = Chicago(4, 8);

        // Twelve couples' morning and evening rows; pages of five, each from where the last ended.
        var whole = (await index.ReadDuePageAsync(shard, through, null, 1000)).Rows.Slots;
        var paged = new List<DueSlot>();
        string? after = null;
        var pages = 0;
        do
        {
            var (rows, last) = await index.ReadDuePageAsync(shard, through, after, 5);
            paged.AddRange(rows.Slots);
            after = last;
            pages++;
        }
        while (after is not null);
        Assert.True(whole.Count > 10, $"{whole.Count} rows due");
        Assert.Equal(whole.Count, paged.Count);
        Assert.Equal(whole.Select(s => (s.CoupleId, s.Partner, s.Slot)).Order(), paged.Select(s => (s.CoupleId, s.Partner, s.Slot)).Order());
        Assert.Equal((whole.Count + 4) / 5, pages);
    }

    /// <summary>Arms a Chicago couple's 08:00 and 20:30 slots from the 6th, with no profile stored: what the scheduler
    /// reads, and nothing a sender could use.</summary>
    private static async Task ArmOnlyAsync(DueIndex index, string id, CancellationToken ct = default)
    {
        var couple = new Couple
        {
            Id = id,
            CreatedUtc = Chicago(4, 6),
            TimeZone = "America/Chicago",
            A = new Partner { Key = "a", Name = "A", Phone = "+13125550100", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
            B = new Partner { Key = "b", Name = "B", Phone = "+17735550100", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
        };
        await index.ArmAsync(couple, couple.A, Chicago(4, 6), ct);
        await index.ArmAsync(couple, couple.B, Chicago(4, 6), ct);
    }

    /// <summary>Storage requests (table, queue) of the scheduler's timer, then of the shard work it queued, when
    /// <paramref name="due"/> couples are due; and the pages that work took.</summary>
    private static async Task<((int Tables, int Queues) Timer, (int Tables, int Queues) Shards, int ShardsTouched, int Pages)> MeasureTickAsync(int enrolled, int due, bool optIn = true)
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
        for (var i = 0; i < due && optIn; i++)
        {
            dueCouples.Add((await app.EnrollOptedInAsync($"+1630555{i:D4}", $"+1847555{i:D4}")).Id);
        }
        if (!optIn)
        {
            // Armed like the others, but due this evening: what the tick reads is the same.
            var evening = Enumerable.Range(0, due).Select(i => $"due{i:D5}").ToList();
            await Parallel.ForEachAsync(evening, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) => await ArmOnlyAsync(index, id, ct));
            dueCouples.AddRange(evening);
        }
        // Enrollment queued their invitations and confirmations: not part of the tick measured here.
        await app.Queue.ClearMessagesAsync();

        app.Clock.SetUtcNow(Chicago(4, 8));
        app.StorageRequests.Reset();
        var scheduler = app.Get<Scheduler>();
        await scheduler.RunAsync();
        var timer = (app.StorageRequests.Tables, app.StorageRequests.Queues);
        var works = (await app.Queue.ReceiveMessagesAsync(32)).Value.Select(m => ShardWork.From(m.MessageText)!).ToList();
        app.StorageRequests.Reset();
        var pages = new List<TickResult>();
        foreach (var work in works) pages.Add(await scheduler.RunShardAsync(work));
        Assert.Equal((due * 2, due), (pages.Sum(p => p.DueRows), pages.Sum(p => p.JobsQueued)));
        return (timer, (app.StorageRequests.Tables, app.StorageRequests.Queues), dueCouples.Select(DueIndex.Partition).Distinct().Count(), pages.Count);
    }
}
