using HappyTogether.Entry.Sending;
using HappyTogether.Functions;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Faults;

/// <summary>Twilio failing often: every text still goes out exactly once, and only what cannot be sent stops.</summary>
public class TwilioFaultTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Evening = DueCouples.Evening;

    [Fact]
    public async Task With_429_500_and_timeouts_on_30_percent_of_calls_every_text_goes_out_exactly_once_and_nothing_is_poisoned()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1), twilio);
        var couples = await DueCouples.SeedAsync(app, 100, Evening.AddHours(-1));
        // A fault script for far more calls than needed: 30% fail, as 429, as 500 (some after sending anyway),
        // or as a timeout longer than the client waits (some after sending anyway).
        var random = new Random(8);
        var kinds = new Dictionary<string, int>();
        for (var call = 0; call < 2000; call++)
        {
            if (random.NextDouble() >= 0.30) { twilio.Faults.Enqueue(null); continue; }
            var (name, fault) = random.Next(5) switch
            {
                0 => ("429", new FakeTwilioApi.Fault(429, 20429)),
                1 => ("500", new FakeTwilioApi.Fault(500)),
                2 => ("500 after sending", new FakeTwilioApi.Fault(500, SendAnyway: true)),
                3 => ("timeout", new FakeTwilioApi.Fault(500, Delay: TimeSpan.FromSeconds(3))),
                _ => ("timeout after sending", new FakeTwilioApi.Fault(500, SendAnyway: true, Delay: TimeSpan.FromSeconds(3))),
            };
            kinds[name] = kinds.GetValueOrDefault(name) + (call < 600 ? 1 : 0);
            twilio.Faults.Enqueue(fault);
        }

        app.Clock.SetUtcNow(Evening);
        await app.TickAsync();
        var drain = await app.RunQueueAsync(visibility: TimeSpan.FromSeconds(1), hidden: TimeSpan.FromMinutes(3));

        var calls = twilio.Posts.Count;
        output.WriteLine($"{calls} create calls for {couples.Count * 2} texts; {drain.Failures} message failures; faults scripted in the first 600 calls: {string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"))}.");
        Assert.True(calls > couples.Count * 2, "no fault was hit");
        foreach (var phone in couples.SelectMany(c => c.Partners).Select(p => p.Phone))
            Assert.Single(twilio.To(phone));
        Assert.Equal(0, drain.Poisoned);
        Assert.Equal(0, await app.Get<PoisonedJobs>().CheckAsync());
        foreach (var couple in couples)
        {
            var records = await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 5));
            Assert.Equal(2, records.Count(r => r.Kind == TextKind.Evening && r.Sid is not null && r.Status != OutboundStatus.Sending));
        }
    }

    [Fact]
    public async Task Two_retries_at_once_of_a_job_that_gave_up_send_each_text_once()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1), twilio);
        var couple = (await DueCouples.SeedAsync(app, 1, Evening.AddHours(-1)))[0];
        app.Clock.SetUtcNow(Evening);
        await app.TickAsync();
        var message = Assert.Single((await app.Queue.ReceiveMessagesAsync(1)).Value).MessageText;
        var trigger = app.Function<OutboundQueueTrigger>();
        // Every try of the first attempt fails (4 per text), so it gives up and releases both claims.
        for (var i = 0; i < 8; i++) twilio.Faults.Enqueue(new FakeTwilioApi.Fault(500));
        await Assert.ThrowsAsync<SmsSendException>(() => trigger.Run(message, default));

        // A second later the message comes back twice at once (say, two ticks queued the same job): each claim is taken
        // over by one of them only.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        // Twilio is slow now, so both retries are past their check with Twilio before either send lands.
        twilio.Latency = TimeSpan.FromMilliseconds(300);
        var retries = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                await trigger.Run(message, default);
                return "sent";
            }
            catch (ClaimHeldException)
            {
                return "held";
            }
        }));
        // Either one retry takes both claims over, or each takes one and finds the other held: never both send one
        // text.
        Assert.All(retries, r => Assert.Contains(r, new[] { "sent", "held" }));
        Assert.Single(twilio.To(couple.A.Phone));
        Assert.Single(twilio.To(couple.B.Phone));
        // The message's next delivery finds both texts sent, and sends nothing more.
        await trigger.Run(message, default);
        Assert.Single(twilio.To(couple.A.Phone));
        Assert.Single(twilio.To(couple.B.Phone));
    }

    [Fact]
    public async Task A_permanent_refusal_is_recorded_once_and_does_not_retry_or_poison()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1), twilio);
        var couple = (await DueCouples.SeedAsync(app, 1, Evening.AddHours(-1)))[0];
        // 21211: the number is not a valid phone number; retrying cannot help.
        twilio.Faults.Enqueue(new FakeTwilioApi.Fault(400, 21211));

        app.Clock.SetUtcNow(Evening);
        await app.TickAsync();
        var drain = await app.RunQueueAsync();

        Assert.Equal((1, 0, 0), (drain.Handled, drain.Failures, drain.Poisoned));
        Assert.Equal(2, twilio.Posts.Count);
        var records = await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 5));
        Assert.Single(records, r => r.Status == OutboundStatus.Failed && r.ErrorCode == 21211);
        Assert.Single(records, r => r.Sid is not null && r.Status != OutboundStatus.Failed);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_lands_in_the_poison_queue_where_the_operator_sees_and_counts_it()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1), twilio);
        var couple = (await DueCouples.SeedAsync(app, 1, Evening.AddHours(-1)))[0];
        // Twilio answers 503 to every try of every attempt: an outage longer than the queue's patience.
        for (var i = 0; i < 200; i++) twilio.Faults.Enqueue(new FakeTwilioApi.Fault(503));

        app.Clock.SetUtcNow(Evening);
        await app.TickAsync();
        var drain = await app.RunQueueAsync();
        Assert.Equal((0, 5, 1), (drain.Handled, drain.Failures, drain.Poisoned));
        Assert.Empty(twilio.Messages);

        // The timer warns, and the admin API lists it without personal data.
        var before = app.Logs.Lines.Count;
        await app.Function<SchedulerTimer>().Run(null!, default);
        Assert.Single(app.Logs.Lines.Skip(before), l => l.StartsWith("Warning") && l.Contains("1 outbound messages are in the poison queue"));
        var result = await app.Function<OutboundApi>().Poison(Http.Get(), default);
        var body = Http.Body(result);
        Assert.Equal(1, body.GetProperty("count").GetInt32());
        var job = Assert.Single(body.GetProperty("oldest").EnumerateArray());
        Assert.Equal((couple.Id, "evening", 2), (job.GetProperty("coupleId").GetString(), job.GetProperty("kind").GetString(), job.GetProperty("texts").GetInt32()));
        Assert.DoesNotContain(couple.A.Phone, body.ToString());
    }
}
