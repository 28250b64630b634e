using System.Diagnostics;
using Azure.Data.Tables;
using HappyTogether.Content.Recap;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Storage;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Benchmarks;

/// <summary>
/// Weekly recaps for many couples with a week of answers each: the recap computation alone (one
/// range query per couple), and the whole queue-triggered send of both partners' recaps.
/// </summary>
public static class RecapScenario
{
    // Sunday 2027-01-10, 19:00 in Chicago.
    private static readonly DateTimeOffset SundayEvening = new(2027, 1, 11, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Sunday = new(2027, 1, 10);
    private static readonly string[] Moods = ["calm", "happy", "tired", "grateful", "stressed", "content", "excited"];

    public static async Task<IReadOnlyList<Row>> RunAsync(int couples, int concurrency = 16)
    {
        await using var app = await BenchApp.StartAsync(SundayEvening);
        var seeded = await SeedAsync(app, couples);
        var recaps = app.Get<RecapService>();

        app.Requests.Reset();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(seeded, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (couple, ct) =>
        {
            var recap = await recaps.ComputeAsync(couple, Sunday, ct);
            foreach (var partner in couple.Partners)
            {
                if (recaps.Render(couple, recap, partner.Key).Length == 0) throw new InvalidOperationException("Empty recap.");
            }
        });
        var computeSeconds = watch.Elapsed.TotalSeconds;
        var computeRequests = (double)app.Requests.Total / couples;

        var sender = app.Get<OutboundSender>();
        app.Requests.Reset();
        watch.Restart();
        await Parallel.ForEachAsync(seeded, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (couple, ct) =>
            await sender.HandleAsync(new OutboundJob(couple.Id, TextKind.Recap, Sunday, [Couple.PartnerA, Couple.PartnerB]), ct));
        var sendSeconds = watch.Elapsed.TotalSeconds;
        var sendRequests = (double)app.Requests.Total / couples;

        return
        [
            new($"compute {couples} couples' recaps (x{concurrency})", computeSeconds, "s"),
            new Row("compute: storage requests per couple", computeRequests, "requests").AtMost(1),
            new($"send {couples * 2} recaps via outbox (x{concurrency})", sendSeconds, "s"),
            new("send: storage requests per couple", sendRequests, "requests"),
        ];
    }

    /// <summary>Couples stored directly, each with seven nights of answers from both partners written in one
    /// transaction.</summary>
    private static async Task<List<Couple>> SeedAsync(BenchApp app, int count)
    {
        var store = app.Get<CoupleStore>();
        var history = app.Get<Tables>().History;
        var couples = Enumerable.Range(0, count).Select(i => new Couple
        {
            // Ids as enrollment makes them (16 hex digits), which the recap's signed link encodes.
            Id = $"{i:x16}",
            CreatedUtc = SundayEvening.AddDays(-30),
            TimeZone = "America/Chicago",
            A = new Partner { Key = "a", Name = "Ana", Phone = $"+1312555{i:D4}", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30), Consent = ConsentState.OptedIn },
            B = new Partner { Key = "b", Name = "Sam", Phone = $"+1773555{i:D4}", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30), Consent = ConsentState.OptedIn },
        }).ToList();
        await Parallel.ForEachAsync(couples, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (couple, ct) =>
        {
            await store.AddAsync(couple, ct);
            var rows = from day in Enumerable.Range(0, 7)
                       from partner in new[] { "a", "b" }
                       let mood = Moods[(day + (partner == "a" ? 0 : 3)) % Moods.Length]
                       select new AnswerRecord(Sunday.AddDays(-day), partner, $"{mood} evening") { Mood = mood, MoodRecognized = true, MessageSid = $"SM{day}{partner}" };
            var entities = rows.Select(a => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(couple.Id, a.RowKey)
            {
                ["Kind"] = AnswerRecord.AnswerKind,
                ["Date"] = a.Date.ToString("yyyy-MM-dd"),
                ["Partner"] = a.Partner,
                ["Text"] = a.Text,
                ["Mood"] = a.Mood,
                ["MoodRecognised"] = true,
                ["MessageSid"] = a.MessageSid,
            }));
            await history.SubmitTransactionAsync(entities, ct);
        });
        return couples;
    }
}
