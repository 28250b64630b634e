using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using HappyTogether.Consent;
using HappyTogether.Couples;
using HappyTogether.Enrolments;
using HappyTogether.Functions;
using HappyTogether.Outbound;
using HappyTogether.Replies;
using HappyTogether.Scheduling;
using HappyTogether.Sending;
using HappyTogether.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HappyTogether.Benchmarks;

/// <summary>
/// Signed inbound answers through the webhook function class, one at a time, and beside them the
/// same storage round-trips made directly with TableClient and QueueClient (the floor).
/// </summary>
public static class WebhookScenario
{
    // Monday 2027-01-04, 20:00 in Chicago; the 20:30 question goes out during seeding.
    private static readonly DateTimeOffset Start = new(2027, 1, 5, 2, 0, 0, TimeSpan.Zero);

    public static async Task<IReadOnlyList<Row>> RunAsync(int requests)
    {
        await using var app = await BenchApp.StartAsync(Start);
        var couples = await SeedAsync(app, requests / 2);
        var queue = app.Get<OutboundQueue>().Client;
        await queue.ClearMessagesAsync();

        var webhook = ActivatorUtilities.CreateInstance<SmsWebhook>(app.Services);
        var answers = new[] { "Cooking together, calm", "The walk home. Tired but happy 😊", "honestly a long day, drained", "We laughed at the dog. grateful" };
        // Warm-up: JIT and connection pool, on requests that are not measured.
        for (var i = 0; i < 20; i++) await webhook.Inbound(Request(couples[i % couples.Count].A.Phone, "STATUS"), default);

        var app0 = app.Requests.Total;
        var timings = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var couple = couples[i % couples.Count];
            var partner = i < couples.Count ? couple.A : couple.B;
            var request = Request(partner.Phone, answers[i % answers.Length]);
            var watch = Stopwatch.StartNew();
            var result = await webhook.Inbound(request, default);
            watch.Stop();
            // Every request must take the answer path, or the figure measures something else.
            if (result is not Microsoft.AspNetCore.Mvc.ContentResult { Content: { } twiml } || !twiml.Contains("Got it"))
                throw new InvalidOperationException($"Request {i} was not stored as an answer: {(result as Microsoft.AspNetCore.Mvc.ContentResult)?.Content}");
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        var perRequest = (double)(app.Requests.Total - app0) / requests;

        var floor0 = app.Requests.Total;
        var floor = await FloorAsync(app, couples, requests);
        var floorPerRequest = (double)(app.Requests.Total - floor0) / requests;
        return
        [
            new("webhook answer: median", Percentile(timings, 50), "ms", Percentile(floor, 50)),
            new("webhook answer: p99", Percentile(timings, 99), "ms", Percentile(floor, 99)),
            new("webhook answer: mean", timings.Average(), "ms", floor.Average()),
            new("storage requests per answer", perRequest, "requests", floorPerRequest),
        ];
    }

    private static async Task<List<Couple>> SeedAsync(BenchApp app, int count)
    {
        var enrolment = app.Get<Enrolment>();
        var consent = app.Get<ConsentService>();
        var couples = new List<Couple>();
        var created = new System.Collections.Concurrent.ConcurrentBag<Couple>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var result = await enrolment.EnrolAsync(new EnrolmentRequest(
                [new PartnerRequest("Ana", $"+1312555{i:D4}", null), new PartnerRequest("Sam", $"+1773555{i:D4}", null)], "America/Chicago", null, null, null), ct: ct);
            var couple = ((EnrolmentResult.Enrolled)result).Couple;
            await consent.OptInAsync(couple.A.Phone, "bench", ct);
            await consent.OptInAsync(couple.B.Phone, "bench", ct);
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

    /// <summary>The storage calls an answer costs, made directly: index, couple, reply lookup, question, answer, partner's answer, reply record.</summary>
    private static async Task<List<double>> FloorAsync(BenchApp app, List<Couple> couples, int requests)
    {
        var timings = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var couple = couples[i % couples.Count];
            var watch = Stopwatch.StartNew();
            await BareStorageCallsAsync(app, couple, i < couples.Count ? couple.A : couple.B, i, reveal: i >= couples.Count, new DateOnly(2027, 1, 4));
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        return timings;
    }

    /// <summary>One answer's storage round-trips, made directly with TableClient and QueueClient.</summary>
    public static async Task BareStorageCallsAsync(BenchApp app, Couple couple, Partner partner, int i, bool reveal, DateOnly questionDate)
    {
        var tables = app.Get<Tables>();
        await tables.Phones.GetEntityIfExistsAsync<TableEntity>(partner.Phone, "phone");
        await tables.Couples.GetEntityIfExistsAsync<TableEntity>(couple.Id, "couple");
        await tables.History.GetEntityIfExistsAsync<TableEntity>(couple.Id, $"sid|floor{i}");
        var from = questionDate.AddDays(-7).ToString("yyyy-MM-dd");
        var to = questionDate.AddDays(1).ToString("yyyy-MM-dd");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {couple.Id} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var _ in tables.History.QueryAsync<TableEntity>(filter)) { }
        await tables.History.AddEntityAsync(new TableEntity(couple.Id, $"floor|{i}") { ["Text"] = "Cooking together, calm" });
        await tables.History.GetEntityIfExistsAsync<TableEntity>(couple.Id, $"floor|other{i}");
        await tables.History.UpsertEntityAsync(new TableEntity(couple.Id, $"sid|floor{i}") { ["Reply"] = "Got it: calm." });
        if (reveal) await app.Get<OutboundQueue>().Client.SendMessageAsync("floor");
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
