using HappyTogether.Functions;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>Signature checks on both webhooks, and delivery status callbacks.</summary>
public class WebhookSecurityTests
{
    private static readonly DateTimeOffset Evening = new(2027, 1, 5, 2, 30, 0, TimeSpan.Zero);

    public static TheoryData<string> Forgeries => new()
    {
        "missing", "empty", "garbage", "wrong-token", "other-url", "other-path", "added-query", "changed-body", "added-field", "removed-field", "http-scheme",
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_request_without_a_valid_signature_gets_403_and_changes_nothing(string forgery)
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1));
        var couple = await app.EnrollOptedInAsync();
        app.Clock.SetUtcNow(Evening);
        await app.Get<Scheduler>().RunAsync();
        await app.DrainQueueAsync();
        var rowsBefore = (await app.RowsMentioningAsync("")).Count;

        var form = Sms.InboundForm(couple.A.Phone, "STOP");
        var signature = Sms.Sign(Sms.PublicBaseUrl + "/api/sms", form, FakeTwilioApi.AuthToken);
        var request = forgery switch
        {
            "missing" => WithoutSignature(Sms.Request("/api/sms", form)),
            "empty" => Sms.Request("/api/sms", form, signature: ""),
            "garbage" => Sms.Request("/api/sms", form, signature: "bm90IGEgc2lnbmF0dXJl"),
            "wrong-token" => Sms.Request("/api/sms", form, token: "another-accounts-token"),
            "other-url" => Sms.Request("/api/sms", form, signedUrl: "https://evil.example.com/api/sms"),
            "other-path" => Sms.Request("/api/sms", form, signedUrl: Sms.PublicBaseUrl + "/api/sms/status"),
            "added-query" => Sms.Request("/api/sms", form, signature: signature, query: "?x=1"),
            "changed-body" => Sms.Request("/api/sms", new Dictionary<string, string>(form) { ["Body"] = "DELETE" }, signature: signature),
            "added-field" => Sms.Request("/api/sms", new Dictionary<string, string>(form) { ["Extra"] = "1" }, signature: signature),
            "removed-field" => Sms.Request("/api/sms", form.Where(f => f.Key != "NumMedia").ToDictionary(), signature: signature),
            "http-scheme" => Sms.Request("/api/sms", form, signedUrl: "http://happytogether.example.org/api/sms"),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        var (status, reply) = Sms.Read(await app.Function<SmsWebhook>().Inbound(request, default));
        Assert.Equal((403, null), (status, reply));
        Assert.Equal(rowsBefore, (await app.RowsMentioningAsync("")).Count);
        Assert.Equal(HappyTogether.Model.Couples.ConsentState.OptedIn, (await app.Get<HappyTogether.Model.Couples.CoupleStore>().GetAsync(couple.Id))!.A.Consent);
        Assert.Equal(0, await app.DrainQueueAsync());
    }

    private static Microsoft.AspNetCore.Http.HttpRequest WithoutSignature(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        request.Headers.Remove("X-Twilio-Signature");
        return request;
    }

    /// <summary>A body that counts what was read of it: a refused one must not be read in full.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Fill(buffer, (byte)'a', offset, n);
            BytesRead += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // chunked: no Content-Length to go by
    public async Task A_body_over_32_KB_gets_413_before_the_form_is_read_and_changes_nothing(bool withLength)
    {
        await using var app = await TestApp.StartAsync(Evening);
        var couple = await app.EnrollOptedInAsync();
        var before = await Faults.StoreSnapshot.TakeAsync(app.Tables, app.Queue);
        foreach (var path in new[] { "/api/sms", "/api/sms/status" })
        {
            var request = Sms.Request(path, Sms.InboundForm(couple.A.Phone, "STOP"));
            var body = new CountingStream(1024 * 1024);
            request.Body = body;
            if (withLength) request.ContentLength = body.Length;
            var webhook = app.Function<SmsWebhook>();
            var result = path == "/api/sms" ? await webhook.Inbound(request, default) : await webhook.Status(request, default);
            Assert.Equal(413, Http.Status(result));
            Assert.True(body.BytesRead <= WebhookForm.MaxBytes + 4096, $"read {body.BytesRead} bytes of a 1 MB body");
            if (withLength) Assert.Equal(0, body.BytesRead);
        }
        Assert.Empty((await Faults.StoreSnapshot.TakeAsync(app.Tables, app.Queue)).DiffFrom(before));
    }

    [Fact]
    public async Task A_long_text_in_a_signed_form_under_the_bound_is_read()
    {
        await using var app = await TestApp.StartAsync(Evening);
        var couple = await app.EnrollOptedInAsync();
        // 1,600 emoji-free characters, Twilio's longest body, percent-encoded to three bytes each: about 5 KB.
        var (status, _) = await app.TextAsync(couple.A.Phone, new string('é', 1600));
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Without_an_auth_token_every_webhook_is_refused()
    {
        await using var app = await TestApp.StartAsync(Evening, settings: new Dictionary<string, string?> { ["TwilioAuthToken"] = "" });
        var couple = await app.EnrollOptedInAsync();
        var (status, _) = Sms.Read(await app.Function<SmsWebhook>().Inbound(Sms.Request("/api/sms", Sms.InboundForm(couple.A.Phone, "STOP")), default));
        Assert.Equal(403, status);
        Assert.Contains(app.Logs.Lines, l => l.Contains("TwilioAuthToken is not set"));
    }

    [Fact]
    public async Task Delivery_statuses_are_recorded_on_the_text_moving_only_forward()
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1));
        var couple = await app.EnrollOptedInAsync();
        var invitation = (await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, DateOnly.MinValue, new DateOnly(2100, 1, 1))).First(r => r.Partner == "a");
        var query = $"?c={couple.Id}&r={Uri.EscapeDataString(invitation.RowKey)}";

        async Task<int> Report(string status, string? errorCode = null, string? sid = null, string? signedQuery = null)
        {
            var form = new Dictionary<string, string> { ["MessageSid"] = sid ?? invitation.Sid!, ["MessageStatus"] = status, ["AccountSid"] = FakeTwilioApi.AccountSid };
            if (errorCode is not null) form["ErrorCode"] = errorCode;
            var request = Sms.Request("/api/sms/status", form, query: query, signedUrl: signedQuery is null ? null : Sms.PublicBaseUrl + "/api/sms/status" + signedQuery);
            return Http.Status(await app.Function<SmsWebhook>().Status(request, default)) ?? 0;
        }

        async Task<string?> Delivery() => (await app.RowsMentioningAsync(invitation.Sid!)).Count == 0 ? null
            : (await app.Tables.History.GetEntityAsync<Azure.Data.Tables.TableEntity>(couple.Id, invitation.RowKey)).Value.GetString("Delivery");

        Assert.Equal(204, await Report("sent"));
        Assert.Equal("sent", await Delivery());
        Assert.Equal(204, await Report("delivered"));
        Assert.Equal(204, await Report("sent"));
        Assert.Equal(204, await Report("queued"));
        Assert.Equal(204, await Report("delivered"));
        Assert.Equal("delivered", await Delivery());
        // Another message's SID, or a query pointing elsewhere than was signed, changes nothing.
        Assert.Equal(204, await Report("failed", sid: "SMdifferent"));
        Assert.Equal(403, await Report("failed", signedQuery: $"?c={couple.Id}&r=other"));
        Assert.Equal("delivered", await Delivery());
    }

    [Fact]
    public async Task A_status_callback_with_error_21610_opts_the_partner_out()
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1));
        var couple = await app.EnrollOptedInAsync();
        var text = (await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, DateOnly.MinValue, new DateOnly(2100, 1, 1))).First(r => r.Partner == "b");
        var form = new Dictionary<string, string> { ["MessageSid"] = text.Sid!, ["MessageStatus"] = "undelivered", ["ErrorCode"] = "21610" };
        var request = Sms.Request("/api/sms/status", form, query: $"?c={couple.Id}&r={Uri.EscapeDataString(text.RowKey)}");
        Assert.Equal(204, Http.Status(await app.Function<SmsWebhook>().Status(request, default)));

        var stored = (await app.Get<HappyTogether.Model.Couples.CoupleStore>().GetAsync(couple.Id))!;
        Assert.Equal((HappyTogether.Model.Couples.ConsentState.OptedIn, HappyTogether.Model.Couples.ConsentState.OptedOut), (stored.A.Consent, stored.B.Consent));
        Assert.Equal("carrier:21610", stored.B.ConsentMethod);
        Assert.DoesNotContain(await app.Get<DueIndex>().ReadArmedAsync(couple.Id), s => s.Partner == "b");
    }

    [Fact]
    public async Task The_real_sender_puts_a_signed_callback_url_that_the_status_webhook_accepts()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1), twilio);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        var post = twilio.Posts.First(p => p["To"] == couple.A.Phone);
        var callback = new Uri(post["StatusCallback"]);
        var sent = twilio.Messages.First(m => m.To == couple.A.Phone);
        var form = new Dictionary<string, string> { ["MessageSid"] = sent.Sid, ["MessageStatus"] = "delivered" };
        var request = Sms.Request(callback.AbsolutePath, form, query: callback.Query, signedUrl: callback.AbsoluteUri);
        Assert.Equal(204, Http.Status(await app.Function<SmsWebhook>().Status(request, default)));
        var row = (await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, DateOnly.MinValue, new DateOnly(2100, 1, 1))).First(r => r.Partner == "a");
        var stored = (await app.Tables.History.GetEntityAsync<Azure.Data.Tables.TableEntity>(couple.Id, row.RowKey)).Value;
        Assert.Equal("delivered", stored.GetString("Delivery"));
        Assert.Equal(TextKind.Invitation, stored.GetString("Kind"));
    }
}
