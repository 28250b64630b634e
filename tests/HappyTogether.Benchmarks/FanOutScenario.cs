using System.Diagnostics;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using HappyTogether.Testing;

namespace HappyTogether.Benchmarks;

/// <summary>
/// Many couples due in one evening slot: one scheduler tick, the queue, and the queue-triggered
/// sender through the real Twilio SDK to a fake Twilio API with latency and a concurrency limit,
/// whose bound (concurrency / latency) is the floor.
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

        // A tick when only the early few are due: what does it read of everyone else?
        app.Clock.SetUtcNow(Early);
        app.Requests.Reset();
        var earlyTick = await scheduler.RunAsync();
        var earlyRequests = app.Requests.Total;
        await app.DrainAsync(instances);

        // The evening: every couple due at once.
        app.Clock.SetUtcNow(Evening);
        twilio.Messages.Clear();
        app.Requests.Reset();
        var tickDone = false;
        var watch = Stopwatch.StartNew();
        // As in Functions, the queue trigger picks messages up while the tick is still queueing and re-arming.
        var sending = Task.Run(() => app.DrainAsync(instances, until: () => tickDone));
        var tick = await scheduler.RunAsync();
        var tickSeconds = watch.Elapsed.TotalSeconds;
        tickDone = true;
        await sending;
        var seconds = watch.Elapsed.TotalSeconds;
        var texts = twilio.Messages.Count;
        if (texts != couples * 2) throw new InvalidOperationException($"Expected {couples * 2} texts, Twilio accepted {texts}.");

        var perCouple = (double)app.Requests.Total / couples;
        var (pointRead, rangeRead) = await EmulatorReadsAsync(app, couples);

        var floorRate = twilioConcurrency / (latencyMs / 1000.0);
        return
        [
            new($"fan-out: {texts} texts, tick to last send", seconds, "s", texts / floorRate),
            new Row("fan-out: send rate", texts / seconds, "texts/s", floorRate).AtLeastOfFloor(0.9),
            new("fan-out: scheduler tick alone", tickSeconds, "s"),
            new("fan-out: scheduler tick alone, per due couple", tickSeconds * 1000 / couples, "ms"),
            new Row("fan-out: storage requests per due couple", perCouple, "requests").AtMost(3),
            new("fan-out: table requests per due couple", (double)app.Requests.Tables / couples, "requests"),
            // What bounds the send rate here: Azurite answers every query by scanning the whole table,
            // so the sender's one range read of a couple's partition costs far more than a point read.
            new("Azurite after the fan-out: point read of a profile", pointRead, "ms"),
            new("Azurite after the fan-out: the sender's range read of a partition", rangeRead, "ms", pointRead),
            new($"{early} due of {couples + early}: rows read", earlyTick.DueRows, "rows", early * 2),
            new Row($"{early} due of {couples + early}: rows read of couples not due", earlyTick.DueRows - early * 2, "rows").AtMost(0),
            new($"{early} due of {couples + early}: storage requests in the tick", earlyRequests, "requests"),
            new("fan-out: due rows in the evening tick", tick.DueRows, "rows", couples * 2),
        ];
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
