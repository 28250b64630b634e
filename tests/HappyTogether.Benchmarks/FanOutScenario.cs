using System.Diagnostics;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using HappyTogether.Testing;

namespace HappyTogether.Benchmarks;

/// <summary>
/// Many couples due in one evening slot: one scheduler tick (the timer's constant work, then each shard's pages on
/// the queue), and the queue-triggered sender through the real Twilio SDK to a fake Twilio API with latency and a
/// concurrency limit, whose bound (concurrency / latency) is the floor. The queue trigger runs as N instances side by
/// side in this one process (against one single-threaded Azurite), so N shows how the work spreads, not how real
/// instances on their own cores would add up.
/// </summary>
public static class FanOutScenario
{
    // Monday 2027-01-04 in Chicago: a few early couples at 20:00, everyone else at 20:30.
    private static readonly DateTimeOffset Start = new(2027, 1, 5, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Early = new(2027, 1, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Evening = new(2027, 1, 5, 2, 30, 0, TimeSpan.Zero);

    public static async Task<IReadOnlyList<Row>> RunAsync(int couples, int early = 10, int twilioConcurrency = 16, int latencyMs = 80, int instances = 2)
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        twilio.Latency = TimeSpan.FromMilliseconds(latencyMs);
        twilio.MaxConcurrency = twilioConcurrency;
        await using var app = await BenchApp.StartAsync(Start, twilio);
        await SeedAsync(app, couples, early);
        var scheduler = app.Get<Scheduler>();

        // A tick when only the early few are due: the timer's own work, then what its shard work sends.
        app.Clock.SetUtcNow(Early);
        var (earlyShards, earlyMs, earlyRequests) = await TimerAsync(app, scheduler);
        await app.DrainAsync(instances);

        // The evening: every couple due at once. The timer only queues shard messages; the queue trigger's
        // instances read the shards' pages, queue the jobs and send them.
        app.Clock.SetUtcNow(Evening);
        twilio.Messages.Clear();
        app.Requests.Reset();
        var watch = Stopwatch.StartNew();
        var (shards, timerMs, timerRequests) = await TimerAsync(app, scheduler);
        await app.DrainAsync(instances);
        var seconds = watch.Elapsed.TotalSeconds;
        var texts = twilio.Messages.Count;
        if (texts != couples * 2) throw new InvalidOperationException($"Expected {couples * 2} texts, Twilio accepted {texts}.");

        var perCouple = (double)app.Requests.Total / couples;
        var (pointRead, rangeRead) = await EmulatorReadsAsync(app, couples);
        var largestShard = Enumerable.Range(early, couples).GroupBy(i => DueIndex.Partition($"fan{i:D6}")).Max(g => g.Count()) * 2;

        var floorRate = twilioConcurrency / (latencyMs / 1000.0);
        return
        [
            new($"fan-out: {texts} texts, tick to last send ({instances} instances)", seconds, "s", texts / floorRate),
            new Row("fan-out: send rate", texts / seconds, "texts/s", floorRate).AtLeastOfFloor(0.9),
            new($"fan-out: timer invocation, {couples} due", timerMs, "ms"),
            new($"fan-out: timer invocation, {couples} due: storage requests", timerRequests, "requests"),
            new($"fan-out: timer invocation, {early} due", earlyMs, "ms"),
            new($"fan-out: timer invocation, {early} due: storage requests", earlyRequests, "requests"),
            new Row("fan-out: timer requests, evening over early", (double)timerRequests / earlyRequests, "x").AtMost(1.5),
            new($"fan-out: shard messages queued ({early} due; {couples} due)", shards, "messages", earlyShards),
            new($"fan-out: largest shard's due rows (pages of {Scheduler.PageRows})", largestShard, "rows"),
            new Row("fan-out: storage requests per due couple", perCouple, "requests").AtMost(3),
            new("fan-out: table requests per due couple", (double)app.Requests.Tables / couples, "requests"),
            // What bounds the send rate here: Azurite answers every query by scanning the whole table,
            // so the sender's one range read of a couple's partition costs far more than a point read.
            new("Azurite after the fan-out: point read of a profile", pointRead, "ms"),
            new("Azurite after the fan-out: the sender's range read of a partition", rangeRead, "ms", pointRead),
        ];
    }

    /// <summary>The timer's invocation alone: shard messages queued, its time, and its storage requests.</summary>
    private static async Task<(int Shards, double Ms, long Requests)> TimerAsync(BenchApp app, Scheduler scheduler)
    {
        app.Requests.Reset();
        var watch = Stopwatch.StartNew();
        var shards = await scheduler.RunAsync();
        var ms = watch.Elapsed.TotalMilliseconds;
        return (shards, ms, app.Requests.Total);
    }

    /// <summary>Mean times, one at a time on the store the fan-out left, of a profile's point read and of the range
    /// read the sender makes of the same partition.</summary>
    private static async Task<(double Point, double Range)> EmulatorReadsAsync(BenchApp app, int couples)
    {
        var history = app.Get<HappyTogether.Foundation.Storage.Tables>().History;
        var rotation = app.Get<HappyTogether.Content.Prompts.RotationLog>();
        const int samples = 200;
        var point = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++) await history.GetEntityAsync<Azure.Data.Tables.TableEntity>($"fan{i * couples / samples:D6}", CoupleRows.Profile);
        var pointMs = point.Elapsed.TotalMilliseconds / samples;
        var range = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++) await rotation.ReadWithCoupleAsync($"fan{i * couples / samples:D6}", new DateOnly(2026, 12, 20));
        return (pointMs, range.Elapsed.TotalMilliseconds / samples);
    }

    private static async Task SeedAsync(BenchApp app, int couples, int early)
    {
        var store = app.Get<CoupleStore>();
        var index = app.Get<DueIndex>();
        var all = Enumerable.Range(0, couples + early).Select(i => new Couple
        {
            Id = $"fan{i:D6}",
            CreatedUtc = Start.AddDays(-10),
            TimeZone = "America/Chicago",
            A = Partner("a", i, i < early),
            B = Partner("b", i, i < early),
        }).ToList();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, ct) => await store.AddAsync(c, ct));
        var slots = all.SelectMany(c => c.Partners.Select(p =>
        {
            var due = ZoneTime.NextOccurrence(Start, p.EveningTime, p.Zone);
            return new DueSlot(c.Id, p.Key, Slot.Evening, due, ZoneTime.LocalDate(due, p.Zone), p.TimeZone, p.EveningTime);
        }));
        await index.ArmNewAsync(slots);
    }

    private static Partner Partner(string key, int i, bool early) => new()
    {
        Key = key,
        Name = key == "a" ? "Ana" : "Sam",
        Phone = key == "a" ? $"+1312{i:D7}" : $"+1773{i:D7}",
        TimeZone = "America/Chicago",
        MorningTime = new(8, 0),
        EveningTime = early ? new(20, 0) : new(20, 30),
        Consent = ConsentState.OptedIn,
    };
}
