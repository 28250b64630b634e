using HappyTogether.Pages.Operations;
using Twilio.Clients;
using Twilio.Http;

namespace HappyTogether.Tests.Integration;

/// <summary>The operator command that points Twilio at a deployed app, against the fake Twilio API.</summary>
public sealed class TwilioWebhooksTests : IAsyncLifetime
{
    private FakeTwilioApi twilio = null!;
    private TwilioWebhooks webhooks = null!;
    private readonly Uri sms = new("https://func-abc.azurewebsites.net/api/sms#rc=3&rp=ct,rt,5xx");
    private readonly Uri status = new("https://func-abc.azurewebsites.net/api/sms/status");

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilioApi.StartAsync();
        var http = new System.Net.Http.HttpClient(new RedirectHandler(twilio.BaseUri) { InnerHandler = new System.Net.Http.HttpClientHandler() });
        webhooks = new TwilioWebhooks(new TwilioRestClient(FakeTwilioApi.AccountSid, FakeTwilioApi.AuthToken, httpClient: new SystemNetHttpClient(http)));
    }

    public async Task DisposeAsync() => await twilio.DisposeAsync();

    [Fact]
    public async Task A_dry_run_reports_the_change_and_changes_nothing()
    {
        var changes = await webhooks.PointNumberAsync(FakeTwilioApi.FromNumber, sms, dryRun: true);
        Assert.Equal($"number {FakeTwilioApi.FromNumber} SmsUrl: https://demo.twilio.com/welcome/sms/reply -> {sms}", changes[0].ToString());
        Assert.Empty(twilio.Updates);
        Assert.Equal("https://demo.twilio.com/welcome/sms/reply", twilio.Number["sms_url"]);
    }

    [Fact]
    public async Task The_number_webhook_is_set_once_and_a_second_run_finds_nothing_to_change()
    {
        await webhooks.PointNumberAsync(FakeTwilioApi.FromNumber, sms, dryRun: false);
        var update = Assert.Single(twilio.Updates);
        Assert.Equal((sms.ToString(), "POST"), (update["SmsUrl"], update["SmsMethod"]));

        var again = await webhooks.PointNumberAsync(FakeTwilioApi.FromNumber, sms, dryRun: false);
        Assert.All(again, c => Assert.False(c.Changes));
        Assert.Single(twilio.Updates);
    }

    [Fact]
    public async Task A_messaging_service_gets_the_inbound_url_and_the_status_callback()
    {
        var changes = await webhooks.PointMessagingServiceAsync(twilio.Service["sid"]!, sms, status, dryRun: false);
        Assert.Equal(2, changes.Count(c => c.Changes));
        var update = Assert.Single(twilio.Updates);
        Assert.Equal((sms.ToString(), status.ToString()), (update["InboundRequestUrl"], update["StatusCallback"]));
    }

    [Fact]
    public async Task An_unknown_number_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => webhooks.PointNumberAsync("+13125550999", sms, dryRun: false));
        Assert.Contains("+13125550999", error.Message);
    }
}
