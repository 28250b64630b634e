using System.Collections.Concurrent;
using System.Reflection;
using System.Xml.Linq;
using HappyTogether.Entry.Inbound;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Settings;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.Model.History;
using HappyTogether.Model.Scheduling;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace HappyTogether.LocalHost.Dev;

/// <summary>
/// Routes that exist only in the local host: the two-phone simulator page at /dev, the outbox,
/// simulated inbound texts (signed and sent through the real /api/sms), and the dev clock.
/// </summary>
public static class DevEndpoints
{
    /// <summary>Name of the HttpClient /dev/sms posts to this host with.</summary>
    public const string SelfClient = "dev-self";

    /// <summary>A text typed into the simulator, as the partner sent it.</summary>
    public sealed record SentText(string From, string Body, DateTimeOffset Utc);

    public sealed record SmsRequest(string From, string Body);

    public sealed record ClockRequest(DateTimeOffset? Utc, TimeSpan? Advance);

    private static readonly ConcurrentQueue<SentText> Sent = new();

    /// <summary>Maps the /dev routes behind <see cref="DevAccess"/>, so they never exist without it.</summary>
    public static void MapDevRoutes(this WebApplication app)
    {
        app.UseDevAccess();
        app.MapGet("/dev", () => Asset("index.html", "text/html; charset=utf-8"));
        app.MapGet("/dev/app.js", () => Asset("app.js", "text/javascript; charset=utf-8"));
        app.MapGet("/dev/style.css", () => Asset("style.css", "text/css; charset=utf-8"));

        // Every text recorded, with the prompt it carried where the demo couple's history says (the same for both
        // partners by design).
        app.MapGet("/dev/outbox", async (string? to, OutboxSmsSender outbox, DemoCouple demo, HistoryStore history, CancellationToken ct) =>
        {
            var prompts = demo.CoupleId is null ? new Dictionary<string, string?>()
                : (await history.ReadOutboundAsync(demo.CoupleId, DateOnly.MinValue, DateOnly.MaxValue.AddDays(-1), ct))
                    .Where(r => r.Sid is not null).GroupBy(r => r.Sid!).ToDictionary(g => g.Key, g => g.First().PromptId);
            return (await outbox.ReadAllAsync(ct)).Where(t => to is null || t.To == to)
                .Select(t => new { to = t.To, body = t.Body, kind = t.Kind, utc = t.Utc, sid = t.Sid, promptId = prompts.GetValueOrDefault(t.Sid) });
        });

        app.MapGet("/dev/state", async (DemoCouple demo, TimeProvider clock, IServiceProvider services, CancellationToken ct) =>
        {
            var couple = await demo.GetAsync(ct);
            return new
            {
                utc = clock.GetUtcNow(),
                devClock = services.GetService<DevClock>() is not null,
                partners = couple?.Partners.Select(p => new { key = p.Key, name = p.Name, phone = p.Phone, timeZone = p.TimeZone, consent = p.Consent.ToString() }),
                sent = Sent.Select(s => new { from = s.From, body = s.Body, utc = s.Utc }),
            };
        });

        app.MapPost("/dev/sms", async (SmsRequest text, IServer server, IHttpClientFactory clients, OutboxSmsSender outbox, QueueTriggerHost queue, TimeProvider clock, IOptions<HappyTogetherOptions> options) =>
        {
            var form = new Dictionary<string, string>
            {
                ["MessageSid"] = "SMdev" + Guid.NewGuid().ToString("N")[..27],
                ["AccountSid"] = "ACdevelopment",
                ["From"] = text.From,
                ["To"] = "+13125550100",
                ["Body"] = text.Body,
                ["NumMedia"] = "0",
            };
            // Posted to this host's own loopback address, never to the request's Host or to PublicBaseUrl;
            // signed for the URL the webhook checks (PublicBaseUrl when set).
            var self = LoopbackOnly.OwnAddress(server);
            var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? self : options.Value.PublicBaseUrl.TrimEnd('/');
            using var request = new HttpRequestMessage(HttpMethod.Post, self + "/api/sms") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("X-Twilio-Signature", WebhookSignature.Sign(baseUrl + "/api/sms", form, options.Value.TwilioAuthToken ?? ""));
            Sent.Enqueue(new SentText(text.From, text.Body, clock.GetUtcNow()));
            using var response = await clients.CreateClient(SelfClient).SendAsync(request);
            var twiml = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) return Results.Problem($"/api/sms answered {(int)response.StatusCode}.", statusCode: 502);
            // Twilio would text the TwiML reply back: record it as a text the partner received.
            var reply = XDocument.Parse(twiml).Root?.Element("Message")?.Value;
            if (reply is not null) await outbox.SendAsync(new OutgoingSms(text.From, reply, Kind: "reply"));
            // Answer once what the text set off (a reveal to the other partner, say) has gone out too.
            await queue.DrainAsync();
            return Results.Ok(new { reply });
        });

        app.MapPost("/dev/clock", async (ClockRequest body, IServiceProvider services, CancellationToken ct) =>
        {
            if (services.GetService<DevClock>() is not { } clock) return Results.Problem("Start the local host with --dev-clock to move the clock.", statusCode: 409);
            var target = body.Utc ?? clock.UtcNow + (body.Advance ?? TimeSpan.Zero);
            if (target < clock.UtcNow) return Results.Problem($"The clock only moves forward (it is {clock.UtcNow:O}).", statusCode: 400);
            var ticks = await clock.AdvanceAsync(target, ct);
            return Results.Ok(new { utc = clock.UtcNow, ticks });
        });

        // "Run the morning/evening/weekly job now": move the dev clock to the demo couple's next such slot.
        app.MapPost("/dev/run/{slot}", async (string slot, IServiceProvider services, DemoCouple demo, DueIndex due, CancellationToken ct) =>
        {
            if (services.GetService<DevClock>() is not { } clock) return Results.Problem("Start the local host with --dev-clock to run jobs early.", statusCode: 409);
            if (!Enum.TryParse<Slot>(slot, ignoreCase: true, out var which)) return Results.Problem("Use morning, evening or recap.", statusCode: 400);
            var armed = demo.CoupleId is null ? [] : await due.ReadArmedAsync(demo.CoupleId, ct);
            if (armed.Where(s => s.Slot == which).MinBy(s => s.DueUtc) is not { } next) return Results.Problem("No partner has that text armed (opted out?).", statusCode: 409);
            var ticks = await clock.AdvanceAsync(next.DueUtc > clock.UtcNow ? next.DueUtc : clock.UtcNow, ct);
            return Results.Ok(new { utc = clock.UtcNow, ticks });
        });
    }

    private static IResult Asset(string name, string contentType)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"HappyTogether.LocalHost.dev.{name}")
            ?? throw new InvalidOperationException($"Missing simulator asset {name}.");
        return Results.Stream(stream, contentType);
    }
}
