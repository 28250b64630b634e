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
}
