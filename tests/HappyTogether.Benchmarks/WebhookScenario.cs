using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.Storage;
using HappyTogether.Functions;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HappyTogether.Benchmarks;

/// <summary>
/// Signed inbound answers through the webhook function class, and beside each one the floor: the
/// storage round-trips an answer cannot do without, made directly with TableClient (the phone lookup,
/// one read of the couple's partition, one transaction with the answer and its dedupe key).
/// The two are interleaved on the same store, first one at a time (requests per answer), then 16 at once (latency).
/// </summary>
public static class WebhookScenario
{
    // Monday 2027-01-04, 20:00 in Chicago; the 20:30 question goes out during seeding.
    private static readonly DateTimeOffset Start = new(2027, 1, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly QuestionDate = new(2027, 1, 4);
    private static readonly string[] Answers = ["Cooking together, calm", "The walk home. Tired but happy 😊", "honestly a long day, drained", "We laughed at the dog. grateful"];

    public static async Task<IReadOnlyList<Row>> RunAsync(int requests, int concurrency = 16)
    {
        await using var app = await BenchApp.StartAsync(Start);
        // Half the couples answer one at a time, the other half 16 at once; each couple's two partners answer in turn.
        var couples = await SeedAsync(app, requests);
        var queue = app.Get<OutboundQueue>().Client;
        await queue.ClearMessagesAsync();

        var webhook = ActivatorUtilities.CreateInstance<SmsWebhook>(app.Services);
        // Warm-up: JIT and connection pool, on requests that are not measured.
        for (var i = 0; i < 20; i++) await webhook.Inbound(Request(couples[i % couples.Count].A.Phone, "STATUS"), default);

        var sequential = couples[..(couples.Count / 2)];
        var concurrent = couples[(couples.Count / 2)..];
        long systemRequests = 0, floorRequests = 0;
        for (var i = 0; i < requests; i++)
        {
            var (couple, partner) = Turn(sequential, i);
            // Alternate which goes first, so neither always meets the store the other just grew.
            for (var leg = 0; leg < 2; leg++)
            {
                var before = app.Requests.Total;
                if ((leg + i) % 2 == 0) await AnswerAsync(webhook, partner, i);
                else await BareStorageCallsAsync(app, couple, partner, i);
                if ((leg + i) % 2 == 0) systemRequests += app.Requests.Total - before;
                else floorRequests += app.Requests.Total - before;
            }
        }

        var timings = new System.Collections.Concurrent.ConcurrentBag<double>();
        var floor = new System.Collections.Concurrent.ConcurrentBag<double>();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var (couple, partner) = Turn(concurrent, i);
            for (var leg = 0; leg < 2; leg++)
            {
                var watch = Stopwatch.StartNew();
                if ((leg + i) % 2 == 0) await AnswerAsync(webhook, partner, i);
                else await BareStorageCallsAsync(app, couple, partner, i);
                ((leg + i) % 2 == 0 ? timings : floor).Add(watch.Elapsed.TotalMilliseconds);
            }
        });
        return
        [
            new Row("storage requests per answer", (double)systemRequests / requests, "requests", (double)floorRequests / requests).AtMost(4),
            new($"webhook answer at concurrency {concurrency}: median", Percentile(timings, 50), "ms", Percentile(floor, 50)),
            new($"webhook answer at concurrency {concurrency}: p99", Percentile(timings, 99), "ms", Percentile(floor, 99)),
            new($"webhook answer at concurrency {concurrency}: mean", timings.Average(), "ms", floor.Average()),
        ];
    }

    /// <summary>The i-th answer of a run: every couple's first partner, then every second partner.</summary>
    private static (Couple Couple, Partner Partner) Turn(IReadOnlyList<Couple> couples, int i)
    {
        var couple = couples[i % couples.Count];
        return (couple, i < couples.Count ? couple.A : couple.B);
    }

    private static async Task AnswerAsync(SmsWebhook webhook, Partner partner, int i)
    {
        var result = await webhook.Inbound(Request(partner.Phone, Answers[i % Answers.Length]), default);
        // Every request must take the answer path, or the figure measures something else.
        if (result is not Microsoft.AspNetCore.Mvc.ContentResult { Content: { } twiml } || !twiml.Contains("Got it"))
            throw new InvalidOperationException($"Request {i} was not stored as an answer: {(result as Microsoft.AspNetCore.Mvc.ContentResult)?.Content}");
    }

    private static async Task<List<Couple>> SeedAsync(BenchApp app, int count)
    {
        var enrollment = app.Get<Enrollment>();
        var consent = app.Get<ConsentService>();
        var couples = new List<Couple>();
        var created = new System.Collections.Concurrent.ConcurrentBag<Couple>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var result = await enrollment.EnrollAsync(new EnrollmentRequest(
                [new PartnerRequest("Ana", $"+1312555{i:D4}", null), new PartnerRequest("Sam", $"+1773555{i:D4}", null)], "America/Chicago", null, null, null), ct: ct);
            var couple = ((EnrollmentResult.Enrolled)result).Couple;
            await Joined.BothAsync(app.Get<CoupleStore>(), consent, couple, "bench", ct);
            created.Add(couple);
        });
        couples.AddRange(created.OrderBy(c => c.A.Phone));
        await app.Get<OutboundQueue>().Client.ClearMessagesAsync();

        // The evening question goes out to everyone.
        app.Clock.SetUtcNow(Start.AddMinutes(30));
        await app.Get<Scheduler>().RunAsync();
        await app.DrainAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        return couples;
    }

    /// <summary>
    /// The floor of one answer, made directly with TableClient: the phone lookup, one read of the
    /// couple's partition (the range the app reads), one transaction with the answer and its dedupe key.
    /// </summary>
    public static async Task BareStorageCallsAsync(BenchApp app, Couple couple, Partner partner, int i, DateOnly? questionDate = null)
    {
        var date = questionDate ?? QuestionDate;
        var tables = app.Get<Tables>();
        await tables.Phones.GetEntityIfExistsAsync<TableEntity>(partner.Phone, "phone");
        var filter = CoupleRows.WithProfile(couple.Id, CoupleRows.Days(date.AddDays(-8), date.AddDays(2)));
        await foreach (var _ in tables.History.QueryAsync<TableEntity>(filter)) { }
        var day = date.ToString("yyyy-MM-dd");
        await tables.History.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity(couple.Id, $"{day}|floor|{partner.Key}|{i}") { ["Text"] = Answers[i % Answers.Length] }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(couple.Id, $"{day}|floorreply|{i}") { ["Reply"] = "Got it: calm." }),
        ]);
    }

    /// <summary>The form Twilio posts for an inbound text, with a fresh MessageSid.</summary>
    public static Dictionary<string, string> InboundForm(string from, string body) => new()
    {
        ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
        ["From"] = from,
        ["To"] = "+13125550100",
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static HttpRequest Request(string from, string body)
    {
        var form = InboundForm(from, body);
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = "https";
        request.Host = new HostString("happytogether.example.org");
        request.Path = "/api/sms";
        request.ContentType = "application/x-www-form-urlencoded";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('&', form.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"))));
        request.Headers["X-Twilio-Signature"] = WebhookSignature.Sign(BenchApp.PublicBaseUrl + "/api/sms", form, BenchApp.AuthToken);
        return request;
    }
}
