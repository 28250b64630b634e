using System.Collections.Concurrent;
using System.Diagnostics;
using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Benchmarks;

/// <summary>
/// Signed inbound answers through the real HTTP path of the local host (a separate process on
/// 127.0.0.1) at a fixed concurrency; floor: the same storage round-trips made directly with
/// TableClient at the same concurrency.
/// </summary>
public static class WebhookHttpScenario
{
    private const int Port = 7391;

    public static async Task<IReadOnlyList<Row>> RunAsync(int requests, int concurrency = 16)
    {
        // The host runs on the system clock: seed tonight's question for today's local date.
        var now = TimeProvider.System.GetUtcNow();
        await using var app = await BenchApp.StartAsync(now);
        var couples = await SeedAsync(app, requests / 2, now);
        var prefix = app.Get<HappyTogether.Foundation.Storage.Tables>().Prefix;

        using var host = StartHost(prefix);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
            await WaitUntilUpAsync(http, host);
            // Warm-up on requests that are not measured.
            foreach (var c in couples.Take(20)) await PostAsync(http, c.A.Phone, "STATUS");

            var latencies = new ConcurrentBag<double>();
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            {
                var couple = couples[i % couples.Count];
                var partner = i < couples.Count ? couple.A : couple.B;
                var one = Stopwatch.StartNew();
                var reply = await PostAsync(http, partner.Phone, "Cooking together, calm");
                latencies.Add(one.Elapsed.TotalMilliseconds);
                if (!reply.Contains("Got it")) throw new InvalidOperationException($"Request {i} was not stored as an answer: {reply}");
            });
            var seconds = watch.Elapsed.TotalSeconds;

            var floor = await FloorAsync(app, couples, requests, concurrency, ZoneTime.LocalDate(now, couples[0].A.Zone));
            var p50 = WebhookScenario.Percentile(latencies, 50);
            var p99 = WebhookScenario.Percentile(latencies, 99);
            return
            [
                new Row($"HTTP webhook: {requests} answers at concurrency {concurrency}", requests / seconds, "req/s", floor.Throughput).AtLeastOfFloor(0.7),
                new("HTTP webhook: p50", p50, "ms", floor.P50),
                new("HTTP webhook: p99", p99, "ms", floor.P99),
                new Row("HTTP webhook: p99 / p50", p99 / p50, "x").Below(3),
            ];
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }
    }

    private static Process StartHost(string prefix)
    {
        // Built with this project (same configuration): bin/<configuration>/net10.0 beside its own project.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(AppContext.BaseDirectory, "../../../../../functions/HappyTogether.LocalHost/bin", configuration, "net10.0", "HappyTogether.LocalHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        // The host's own simulator API tells when it is up (and /dev is served only with this flag).
        start.ArgumentList.Add("--simulator");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(Port.ToString());
        start.Environment["TablePrefix"] = prefix;
        start.Environment["OutboundQueue"] = prefix + "-outbound";
        start.Environment["TwilioAuthToken"] = BenchApp.AuthToken;
        start.Environment["PublicBaseUrl"] = BenchApp.PublicBaseUrl;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(HttpClient http, Process host)
    {
        for (var i = 0; i < 120 && !host.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync("/dev/state")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException("The local host did not start.");
    }

    private static async Task<string> PostAsync(HttpClient http, string from, string body)
    {
        var form = WebhookScenario.InboundForm(from, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", WebhookSignature.Sign(BenchApp.PublicBaseUrl + "/api/sms", form, BenchApp.AuthToken));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opted-in couples that received tonight's question (recorded as sent in their history).</summary>
    private static async Task<List<Couple>> SeedAsync(BenchApp app, int count, DateTimeOffset now)
    {
        var enrollment = app.Get<Enrollment>();
        var store = app.Get<CoupleStore>();
        var history = app.Get<HistoryStore>();
        var couples = new ConcurrentBag<Couple>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var result = await enrollment.EnrollAsync(new EnrollmentRequest(
                [new PartnerRequest("Ana", $"+1312555{i:D4}", null), new PartnerRequest("Sam", $"+1773555{i:D4}", null)], "America/Chicago", null, null, null), ct: ct);
            var enrolled = ((EnrollmentResult.Enrolled)result).Couple;
            // Both joined, as their own YES would make them: each number claimed for the couple.
            foreach (var p in enrolled.Partners) await store.TryClaimPhoneAsync(p.Phone, enrolled.Id, p.Key, ct);
            var couple = await store.MutateAsync(enrolled.Id, c =>
            {
                foreach (var p in c.Partners) p.Consent = ConsentState.OptedIn;
                return true;
            }, ct);
            var today = ZoneTime.LocalDate(now, couple!.A.Zone);
            var questions = couple.Partners.Select(p => new OutboundRecord(today, TextKind.Evening, p.Key) { PromptId = "q001", ClaimedUtc = now }).ToList();
            await history.ClaimAllAsync(couple.Id, questions, ct: ct);
            await history.CompleteAllAsync(couple.Id, questions.Select(q => q with { Status = "sent", Sid = "SMseed" + q.Partner }).ToList(), ct);
            couples.Add(couple);
        });
        await app.Get<OutboundQueue>().Client.ClearMessagesAsync();
        return couples.OrderBy(c => c.A.Phone).ToList();
    }

    private static async Task<(double Throughput, double P50, double P99)> FloorAsync(BenchApp app, List<Couple> couples, int requests, int concurrency, DateOnly questionDate)
    {
        var latencies = new ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var couple = couples[i % couples.Count];
            var one = Stopwatch.StartNew();
            await WebhookScenario.BareStorageCallsAsync(app, couple, i < couples.Count ? couple.A : couple.B, i, questionDate);
            latencies.Add(one.Elapsed.TotalMilliseconds);
        });
        return (requests / watch.Elapsed.TotalSeconds, WebhookScenario.Percentile(latencies, 50), WebhookScenario.Percentile(latencies, 99));
    }
}
