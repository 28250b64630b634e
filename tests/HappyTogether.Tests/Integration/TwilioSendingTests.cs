using System.Text;
using HappyTogether.Entry.Sending;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HappyTogether.Tests.Integration;

/// <summary>The real Twilio SDK against a fake Twilio API on 127.0.0.1.</summary>
public sealed class TwilioSendingTests : IAsyncLifetime
{
    private FakeTwilioApi twilio = null!;

    public async Task InitializeAsync() => twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await twilio.DisposeAsync();

    private Task<TestApp> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 13, 0, 0, TimeSpan.Zero), twilio, settings, services);

    private static async Task<IReadOnlyList<OutboundRecord>> HistoryAsync(TestApp app, Couple couple) =>
        await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, DateOnly.MinValue, new DateOnly(2100, 1, 1));

    [Fact]
    public async Task Posts_the_exact_form_Twilio_expects_with_basic_auth()
    {
        await using var app = await StartAsync();
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();

        Assert.Equal(2, twilio.Posts.Count);
        var form = twilio.Posts.Single(p => p["To"] == "+13125550181");
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["To"] = "+13125550181",
                ["From"] = FakeTwilioApi.FromNumber,
                ["Body"] = ProgramTexts.Invitation(couple, couple.A),
                ["StatusCallback"] = $"https://happytogether.example.org/api/sms/status?c={couple.Id}&r=2027-01-04%7Cinvitation%7Ca",
            },
            form);
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeTwilioApi.AccountSid}:{FakeTwilioApi.AuthToken}"));
        Assert.All(twilio.Authorizations, a => Assert.Equal(expectedAuth, a));

        var sent = await HistoryAsync(app, couple);
        Assert.Equal(twilio.Messages.Select(m => m.Sid).Order(), sent.Select(r => r.Sid).Order());
        Assert.All(sent, r => Assert.Equal("queued", r.Status));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Texts go to: Twilio (from ***0100)"));
    }

    [Fact]
    public async Task A_Messaging_Service_replaces_the_From_number()
    {
        await using var app = await StartAsync(new Dictionary<string, string?> { ["TwilioMessagingServiceSid"] = "MG0123456789abcdef0123456789abcdef" });
        await app.EnrollAsync();
        await app.DrainQueueAsync();

        // Both invitations reached the API, one each, through the service and with no From.
        Assert.Equal(["+13125550181", "+13125550182"], twilio.Posts.Select(form => form["To"]).Order());
        Assert.All(twilio.Posts, form =>
        {
            Assert.Equal("MG0123456789abcdef0123456789abcdef", form["MessagingServiceSid"]);
            Assert.False(form.ContainsKey("From"));
        });
        // And the API took them: each partner's invitation, to their own number.
        Assert.Equal(2, twilio.Messages.Count);
        Assert.StartsWith("Hi Ana! You and Sam are invited to HappyTogether", Assert.Single(twilio.To("+13125550181")).Body);
        Assert.StartsWith("Hi Sam! You and Ana are invited to HappyTogether", Assert.Single(twilio.To("+13125550182")).Body);
    }

    [Fact]
    public async Task Rate_limiting_is_retried_with_backoff_and_sends_once()
    {
        await using var app = await StartAsync();
        twilio.Faults.Enqueue(new(429, 20429));
        twilio.Faults.Enqueue(new(429, 20429));
        var couple = await app.EnrollAsync(phoneB: "+13125550199");
        await app.DrainQueueAsync();

        Assert.Single(twilio.To(couple.A.Phone));
        Assert.Single(twilio.To(couple.B.Phone));
        Assert.Equal(4, twilio.Posts.Count);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(0, true)]
    public async Task A_server_error_or_timeout_that_may_have_sent_is_checked_before_sending_again(int status, bool sentAnyway)
    {
        await using var app = await StartAsync();
        // Status 0 stands for a timeout: the fake accepts the message and answers after the client gave up.
        twilio.Faults.Enqueue(status == 0 ? new(200, SendAnyway: true, Delay: TimeSpan.FromSeconds(4)) : new(status, SendAnyway: sentAnyway));
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();

        var first = Assert.Single(twilio.To(twilio.Posts.First()["To"]));
        Assert.Single(twilio.To(couple.A.Phone));
        Assert.Single(twilio.To(couple.B.Phone));
        Assert.Equal(sentAnyway ? 2 : 3, twilio.Posts.Count);
        Assert.Contains(await HistoryAsync(app, couple), r => r.Sid == first.Sid);
    }

    [Fact]
    public async Task Persistent_failures_return_the_message_to_the_queue_and_a_later_delivery_sends_once()
    {
        await using var app = await StartAsync();
        var couple = await app.EnrollAsync();
        // Four tries per text (one plus three retries), both partners' texts in flight together.
        for (var i = 0; i < 8; i++) twilio.Faults.Enqueue(new(500));
        var message = Assert.Single((await app.Queue.ReceiveMessagesAsync(1)).Value);
        var trigger = app.Function<HappyTogether.Functions.OutboundQueueTrigger>();

        await Assert.ThrowsAsync<SmsSendException>(() => trigger.Run(message.MessageText, default));
        await trigger.Run(message.MessageText, default);

        Assert.Single(twilio.To(couple.A.Phone));
        Assert.Single(twilio.To(couple.B.Phone));
    }

    [Fact]
    public async Task Error_21610_opts_the_partner_out_and_stops_their_texts()
    {
        await using var app = await StartAsync();
        var couple = await app.EnrollOptedInAsync();
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 4, 14, 0, 0, TimeSpan.Zero));
        await app.TickAsync();
        twilio.Faults.Enqueue(new(400, SmsErrorCodes.OptedOut));
        await app.DrainQueueAsync();

        var stored = (await app.Get<CoupleStore>().GetAsync(couple.Id))!;
        var stopped = stored.Partners.Single(p => p.Consent == ConsentState.OptedOut);
        Assert.Equal("carrier:21610", stopped.ConsentMethod);
        Assert.Equal(ConsentState.OptedIn, stored.Other(stopped).Consent);
        Assert.Contains(await app.Get<CoupleStore>().ReadConsentLogAsync(couple.Id), r => r.GetString("Partner") == stopped.Key && r.GetString("State") == "OptedOut");
        Assert.Contains(await HistoryAsync(app, couple), r => r.Partner == stopped.Key && r.Status == OutboundStatus.Failed && r.ErrorCode == 21610);
        Assert.DoesNotContain(await app.Get<DueIndex>().ReadArmedAsync(couple.Id), s => s.Partner == stopped.Key);

        // The rest of the week: texts only to the other partner.
        twilio.Messages.Clear();
        var from = app.Clock.GetUtcNow();
        for (var t = from.AddMinutes(30); t < from.AddDays(2); t = t.AddMinutes(30))
        {
            app.Clock.SetUtcNow(t);
            await app.TickAsync();
            await app.DrainQueueAsync();
        }
        Assert.Empty(twilio.To(stopped.Phone));
        Assert.NotEmpty(twilio.To(stored.Other(stopped).Phone));
    }

    [Fact]
    public async Task A_permanent_error_is_recorded_once_and_not_retried()
    {
        await using var app = await StartAsync();
        twilio.Faults.Enqueue(new(400, 21211));
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();

        Assert.Equal(2, twilio.Posts.Count);
        var failed = Assert.Single(await HistoryAsync(app, couple), r => r.Status == OutboundStatus.Failed);
        Assert.Equal(21211, failed.ErrorCode);
        Assert.Contains(app.Logs.Lines, l => l.Contains("Permanent 21211"));
    }

    [Fact]
    public async Task A_crash_after_Twilio_accepted_is_settled_from_Twilio_message_list()
    {
        await using var app = await StartAsync(services: s => s.AddSingleton<ISmsSender>(sp =>
            new CrashingSender(ActivatorUtilities.CreateInstance<TwilioSmsSender>(sp), CrashPoint.AfterSendBeforeLog)));
        var couple = await app.EnrollAsync();
        var message = Assert.Single((await app.Queue.ReceiveMessagesAsync(1)).Value);
        var trigger = app.Function<HappyTogether.Functions.OutboundQueueTrigger>();

        await Assert.ThrowsAsync<CrashingSender.ProcessDied>(() => trigger.Run(message.MessageText, default));
        await trigger.Run(message.MessageText, default);

        var sent = Assert.Single(twilio.To(couple.A.Phone));
        Assert.Single(twilio.To(couple.B.Phone));
        Assert.Contains(await HistoryAsync(app, couple), r => r.Partner == "a" && r.Sid == sent.Sid);
    }
}
