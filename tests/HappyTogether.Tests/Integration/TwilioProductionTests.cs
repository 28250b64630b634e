using System.Text;
using HappyTogether.Entry.Sending;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// Twilio as production sees it, with the real SDK against the fake Twilio API on 127.0.0.1: a backlog that holds
/// messages queued, and API-key credentials.
/// </summary>
public sealed class TwilioProductionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 13, 0, 0, TimeSpan.Zero);
    private FakeTwilioApi twilio = null!;

    public async Task InitializeAsync() => twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await twilio.DisposeAsync();

    private Task<TestApp> StartAsync(IDictionary<string, string?>? settings = null) => TestApp.StartAsync(Start, twilio, settings);

    [Fact]
    public async Task A_send_that_may_have_gone_and_is_still_queued_at_Twilio_is_found_and_not_sent_again()
    {
        await using var app = await StartAsync();
        // Twilio has a backlog: what it accepts stays queued, with no DateSent yet. The first create is accepted but
        // answered with a 500, so the app cannot tell whether it went out.
        twilio.HoldQueued = true;
        twilio.Faults.Enqueue(new FakeTwilioApi.Fault(500, SendAnyway: true));
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();

        var first = twilio.Messages.First();
        Assert.Single(twilio.To(couple.A.Phone));
        Assert.Single(twilio.To(couple.B.Phone));
        Assert.Equal(2, twilio.Posts.Count);
        Assert.Null(twilio.SentAt(first));
        var records = await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, DateOnly.MinValue, new DateOnly(2100, 1, 1));
        Assert.Contains(records, r => r.Sid == first.Sid && r.Status == "queued");
    }

    [Fact]
    public async Task The_check_matches_the_body_created_since_the_claim_whether_queued_or_sent_and_reads_a_bounded_number_of_pages()
    {
        await using var app = await StartAsync();
        var sender = ActivatorUtilities.CreateInstance<TwilioSmsSender>(app.Services);
        const string to = "+13125550181";
        var sms = new OutgoingSms(to, "What made you laugh today?");
        // Yesterday's identical text, long sent: not this attempt's.
        await sender.SendAsync(sms);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var claimed = app.Clock.GetUtcNow();
        Assert.Null(await sender.FindSentAsync(sms, claimed));

        // This attempt's text, queued behind a backlog, then 60 newer texts to the same number (two pages on).
        twilio.HoldQueued = true;
        var queued = await sender.SendAsync(sms);
        twilio.HoldQueued = false;
        for (var i = 0; i < 60; i++) await sender.SendAsync(new OutgoingSms(to, $"Other text {i}"));
        Assert.Equal(queued.Sid, (await sender.FindSentAsync(sms, claimed))?.Sid);
        Assert.Null(await sender.FindSentAsync(sms with { Body = "Another body" }, claimed));

        // Past the bound (150 messages to the number) nothing is read any more: the search stays cheap.
        for (var i = 0; i < TwilioSmsSender.FindLimit; i++) await sender.SendAsync(new OutgoingSms(to, $"Later text {i}"));
        Assert.Null(await sender.FindSentAsync(sms, claimed));
    }

    [Fact]
    public async Task With_an_API_key_REST_calls_use_the_key_on_the_account_and_webhooks_are_still_checked_with_the_auth_token()
    {
        const string keySid = "SK0123456789abcdef0123456789abcdef";
        const string keySecret = "fake-api-key-secret-for-tests-only";
        await using var app = await StartAsync(new Dictionary<string, string?> { ["TwilioApiKeySid"] = keySid, ["TwilioApiKeySecret"] = keySecret });
        twilio.Faults.Enqueue(new FakeTwilioApi.Fault(500, SendAnyway: true));
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();

        // Creates and the uncertain send's list call alike.
        Assert.True(twilio.Authorizations.Count > 2);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keySid}:{keySecret}"));
        Assert.All(twilio.Authorizations, a => Assert.Equal(basic, a));
        Assert.All(twilio.Accounts, a => Assert.Equal(FakeTwilioApi.AccountSid, a));
        Assert.Single(twilio.To(couple.A.Phone));

        // Twilio signs webhooks with the auth token, never the key.
        Assert.Equal(200, (await app.TextAsync(couple.A.Phone, "YES")).Status);
        var forged = Sms.Request("/api/sms", Sms.InboundForm(couple.A.Phone, "YES"), token: keySecret);
        Assert.Equal(403, Sms.Read(await app.Function<HappyTogether.Functions.SmsWebhook>().Inbound(forged, default)).Status);
        Assert.Equal(ConsentState.OptedIn, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
    }

    [Theory]
    [InlineData("SK0123456789abcdef0123456789abcdef", null)]
    [InlineData(null, "fake-api-key-secret-for-tests-only")]
    public async Task With_half_an_API_key_REST_calls_use_the_auth_token(string? keySid, string? keySecret)
    {
        await using var app = await StartAsync(new Dictionary<string, string?> { ["TwilioApiKeySid"] = keySid, ["TwilioApiKeySecret"] = keySecret });
        await app.EnrollAsync();
        await app.DrainQueueAsync();
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeTwilioApi.AccountSid}:{FakeTwilioApi.AuthToken}"));
        Assert.All(twilio.Authorizations, a => Assert.Equal(basic, a));
    }
}
