using System.Diagnostics;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;
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
        var tablePerCouple = (double)app.Requests.Tables / couples;
        var reads = await SenderReadsAsync(app, couples);
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
            new("fan-out: table requests per due couple", tablePerCouple, "requests"),
            // Azurite answers every query by scanning the whole table, so on it any query costs far more than a
            // point read; Azure serves a range within a partition from its index.
            new($"sender's read, before: dated rows from two weeks back to the rotation ({reads.Before.Rows:F0} rows back)", reads.Before.Ms, "ms"),
            new($"sender's read, now: the profile and rotation, one request ({reads.Now.Rows:F0} rows back)", reads.Now.Ms, "ms", reads.Before.Ms),
            new($"sender's read as two point reads side by side, two requests ({reads.Points.Rows:F0} rows back)", reads.Points.Ms, "ms", reads.Before.Ms),
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

    /// <summary>
    /// The sender's read of a couple, one at a time on the store the fan-out left, in partitions given two weeks of
    /// history first: the read before the answered nights moved onto the rotation row (the dated rows from two weeks
    /// back to the rotation, answers kept), the read now (the two rows), and those two rows as two point reads side by
    /// side. Mean milliseconds and the rows each returns.
    /// </summary>
    private static async Task<SenderReads> SenderReadsAsync(BenchApp app, int couples)
    {
        var history = app.Get<Tables>().History;
        var rotation = app.Get<HappyTogether.Content.Prompts.RotationLog>();
        const int samples = 200;
        var ids = Enumerable.Range(0, samples).Select(i => $"fan{i * couples / samples:D6}").ToList();
        var night = ZoneTime.LocalDate(Evening, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
        await Parallel.ForEachAsync(ids, async (id, ct) =>
        {
            foreach (var chunk in TwoWeeks(id, night).Chunk(100)) await history.SubmitTransactionAsync(chunk, ct);
        });
        var since = night.AddDays(-14);

        async Task<(double Ms, double Rows)> TimeAsync(Func<string, Task<int>> read)
        {
            var rows = 0;
            var watch = Stopwatch.StartNew();
            foreach (var id in ids) rows += await read(id);
            return (watch.Elapsed.TotalMilliseconds / samples, (double)rows / samples);
        }
        async Task<int> CountAsync(string filter)
        {
            var rows = 0;
            await foreach (var _ in history.QueryAsync<TableEntity>(filter)) rows++;
            return rows;
        }
        var before = await TimeAsync(id => CountAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {DateKey.Of(since)} and RowKey le {CoupleRows.Rotation}")
            + TableClient.CreateQueryFilter($" and (Kind eq {"answer"} or RowKey eq {CoupleRows.Profile} or RowKey eq {CoupleRows.Rotation})")));
        var now = await TimeAsync(async id =>
        {
            var (couple, row) = await rotation.ReadWithCoupleAsync(id);
            return (couple is null ? 0 : 1) + (row.ETag is null ? 0 : 1);
        });
        var points = await TimeAsync(async id =>
        {
            var reads = await Task.WhenAll(
                history.GetEntityIfExistsAsync<TableEntity>(id, CoupleRows.Profile),
                history.GetEntityIfExistsAsync<TableEntity>(id, CoupleRows.Rotation));
            return reads.Count(r => r.HasValue);
        });
        return new(before, now, points);
    }

    /// <summary>What two weeks leave in a couple's partition: each day two ideas and two questions sent, two answers,
    /// the first-answer mark, two replies and a reveal.</summary>
    private static IEnumerable<TableTransactionAction> TwoWeeks(string coupleId, DateOnly night) =>
        Enumerable.Range(1, 14).Select(back => night.AddDays(-back)).SelectMany(day => new[]
        {
            ("morning|a", "morning"), ("morning|b", "morning"), ("evening|a", "evening"), ("evening|b", "evening"),
            ("answer|a", "answer"), ("answer|b", "answer"), ("first", "first"), ("reply|SMa", "reply"), ("reply|SMb", "reply"),
            ("reveal|a", "reveal"),
        }.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(coupleId, $"{DateKey.Of(day)}|{r.Item1}")
            {
                ["Kind"] = r.Item2,
                ["Text"] = r.Item2 == "answer" ? "a walk after dinner, just us, happy" : null,
            })));

    private sealed record SenderReads((double Ms, double Rows) Before, (double Ms, double Rows) Now, (double Ms, double Rows) Points);

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
