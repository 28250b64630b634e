using HappyTogether.Functions;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Faults;

/// <summary>Storage failing in the middle of a webhook: Twilio is told to retry, and the retry counts once.</summary>
public class StorageFaultTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Evening = DueCouples.Evening;

    [Fact]
    public async Task Storage_failing_at_any_request_of_an_answer_gives_503_then_the_retry_stores_it_once_with_one_reply()
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-2));
        // One couple per failure point, plus one to count the requests of a healthy answer. Partner B answers first,
        // so A's answer is the one that completes the pair and queues the reveal.
        var couples = await DueCouples.EnrollAndAskAsync(app, 12);
        foreach (var couple in couples) Assert.Equal(200, (await app.TextAsync(couple.B.Phone, "Long walk, calm")).Status);
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        app.StorageRequests.Reset();
        var (_, healthyReply) = await app.TextAsync(couples[0].A.Phone, "Cooking together, happy");
        var requests = app.StorageRequests.Total;
        output.WriteLine($"A healthy answer makes {requests} storage requests; failing at each of them in turn.");
        Assert.InRange(requests, 3, couples.Count - 1);

        for (var failAt = 0; failAt < requests; failAt++)
        {
            var couple = couples[failAt + 1];
            var form = Sms.InboundForm(couple.A.Phone, "Cooking together, happy");
            app.StorageFaults.FailAfter(failAt);
            var (status, _) = Sms.Read(await app.Function<SmsWebhook>().Inbound(Sms.Request("/api/sms", form), default));
            Assert.True(app.StorageFaults.Failed > 0, $"storage never failed at request {failAt}");
            app.StorageFaults.Heal();
            Assert.Equal(503, status);

            // Twilio retries with the same MessageSid, possibly more than once.
            var replies = new List<string?>();
            for (var retry = 0; retry < 3; retry++)
            {
                var (retryStatus, reply) = Sms.Read(await app.Function<SmsWebhook>().Inbound(Sms.Request("/api/sms", form), default));
                Assert.Equal(200, retryStatus);
                replies.Add(reply);
            }
            Assert.All(replies, r => Assert.Equal(healthyReply, r));
            var answer = await app.Get<Answers>().GetAnswerAsync(couple.Id, new DateOnly(2027, 1, 5), "a");
            Assert.Equal(form["MessageSid"], answer?.MessageSid);
            Assert.Single(await app.RowsMentioningAsync("Cooking together"), r => r.Contains(couple.Id));
        }

        // Every couple's reveal still goes out, once each way: to A in the reply, to B through the queue.
        await app.DrainQueueAsync();
        foreach (var couple in couples.Take(requests + 1))
        {
            Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Reveal);
            Assert.Single(await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 5)),
                r => r is { Kind: TextKind.Reveal, Partner: "a", Status: OutboundStatus.Replied });
            Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Reveal);
        }
    }

    [Fact]
    public async Task Storage_down_for_a_status_callback_gives_503_and_the_retry_records_it()
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-2));
        var couple = (await DueCouples.EnrollAndAskAsync(app, 1))[0];
        var sent = (await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 5))).Single(r => r.Partner == "a" && r.Kind == TextKind.Evening);
        var query = $"?c={Uri.EscapeDataString(couple.Id)}&r={Uri.EscapeDataString(sent.RowKey)}";
        var form = new Dictionary<string, string> { ["MessageSid"] = sent.Sid!, ["MessageStatus"] = "delivered", ["AccountSid"] = FakeTwilioApi.AccountSid };

        app.StorageFaults.FailAfter(0);
        var down = await app.Function<SmsWebhook>().Status(Sms.Request("/api/sms/status", form, query: query), default);
        app.StorageFaults.Heal();
        Assert.Equal(503, Http.Status(down));

        Assert.Equal(204, Http.Status(await app.Function<SmsWebhook>().Status(Sms.Request("/api/sms/status", form, query: query), default)));
        var row = await app.Tables.History.GetEntityAsync<Azure.Data.Tables.TableEntity>(couple.Id, sent.RowKey);
        Assert.Equal("delivered", row.Value.GetString("Delivery"));
    }
}
