using System.Net;
using System.Net.Http.Json;
using Azure.Core;
using Azure.Storage.Queues;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// The dev clock skips no work: one jump runs every tick at which something falls due, texts held or
/// queued during that same jump included, each sent at the time it was due; and it answers only once
/// what webhooks set off has gone out, even a webhook still being handled when the jump was asked for.
/// The whole local host on 127.0.0.1 and Azurite, texts through the signed /api/sms, from a fixed start.
/// </summary>
public sealed class LocalHostClockTests
{
    private const string Token = "test-token-dev-clock-night";

    // Two couples in Chicago. Ben turns nudges off, so Ana's reveal is all that falls due overnight in their
    // couple: a jump that missed it would come by no other row there before the morning.
    private const string Ana = "+13125550111";
    private const string Ben = "+13125550112";
    private const string Kim = "+13125550121";
    private const string Lou = "+13125550122";

    private int sids;

    /// <summary>A minute of the first week of January 2027 in Chicago (UTC-6 in winter).</summary>
    private static DateTimeOffset Chicago(int day, int hour, int minute) => new(2027, 1, day, hour, minute, 0, TimeSpan.FromHours(-6));

    private static string[] Arguments => ["--dev-clock", "--start", Chicago(4, 9, 0).ToString("O"), "TwilioAuthToken=" + Token];

    private sealed record Texted(string To, string Body, string? Kind, DateTimeOffset Utc);

    [Fact]
    public async Task One_jump_across_the_night_sends_the_reveal_held_on_the_way_at_7_00_and_no_late_nudge()
    {
        await using var host = await LocalHostApp.StartHostAsync(Arguments);
        await EnrollAsync(host, ("Kim", Kim), ("Lou", Lou));
        await EveningAsync(host);
        // Kim answers at 21:40: Lou's nudge could not reach Lou the same evening, so none is held for the morning.
        await TextAsync(host, Kim, "calm, we cooked together");
        // Ben answers after Ana's waking hours: her reveal is queued, then held for her 07:00, right as the jump
        // starts.
        await TextAsync(host, Ben, "happy, the walk by the lake");

        await JumpAsync(host, Chicago(5, 7, 30));

        var outbox = await OutboxAsync(host);
        Assert.DoesNotContain(outbox, t => t.Kind == TextKind.YourTurn);
        Assert.Equal(Chicago(5, 7, 0), Minute(Assert.Single(outbox, t => t.To == Ana && t.Kind == TextKind.Reveal).Utc));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_reveal_a_webhook_set_off_is_out_when_the_next_jump_answers(bool inFlight)
    {
        var faults = new StorageFaults();
        var waiting = new LogWatch("The dev clock waits for the requests in flight");
        await using var host = await LocalHostApp.StartHostAsync(Arguments, services =>
        {
            var queues = new QueueClientOptions();
            queues.AddPolicy(faults, HttpPipelinePosition.PerRetry);
            services.AddSingleton(queues);
            services.AddSingleton<ILoggerProvider>(waiting);
        });
        await EveningAsync(host);

        Task jump;
        if (inFlight)
        {
            // The jump is asked for while Ben's webhook is about to queue Ana's reveal; the reveal is queued
            // once the jump waits for the webhook, or (were it not to wait) has answered.
            var asked = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
            faults.BeforeNext(r => r.Method == RequestMethod.Post && r.Uri.Path.EndsWith("-outbound/messages"), async () =>
            {
                var started = JumpAsync(host, Chicago(5, 7, 30));
                asked.SetResult(started);
                await Task.WhenAny(waiting.Seen, started);
            });
            await TextAsync(host, Ben, "happy, the walk by the lake");
            jump = await asked.Task;
        }
        else
        {
            await TextAsync(host, Ben, "happy, the walk by the lake");
            jump = JumpAsync(host, Chicago(5, 7, 30));
        }
        await jump;

        var reveal = Assert.Single(await OutboxAsync(host), t => t.To == Ana && t.Kind == TextKind.Reveal);
        Assert.Equal(Chicago(5, 7, 0), Minute(reveal.Utc));
    }

    /// <summary>Ana and Ben enrolled; everyone's evening question at 20:30; Ana answers it; then the clock moves to
    /// 21:40.</summary>
    private async Task EveningAsync(LocalHostApp host)
    {
        await EnrollAsync(host, ("Ana", Ana), ("Ben", Ben));
        await TextAsync(host, Ben, "NUDGE OFF");
        await JumpAsync(host, Chicago(4, 20, 31));
        await TextAsync(host, Ana, "calm, a quiet dinner");
        await JumpAsync(host, Chicago(4, 21, 40));
        Assert.DoesNotContain(await OutboxAsync(host), t => t.Kind is TextKind.Reveal or TextKind.YourTurn);
    }

    /// <summary>A couple in Chicago on the default times, both opted in (as the --demo couple is).</summary>
    private static async Task EnrollAsync(LocalHostApp host, params (string Name, string Phone)[] partners)
    {
        var request = new EnrollmentRequest([.. partners.Select(p => new PartnerRequest(p.Name, p.Phone, "America/Chicago"))], null, null, null, null);
        var couple = Assert.IsType<EnrollmentResult.Enrolled>(await host.Services.GetRequiredService<Enrollment>().EnrollAsync(request)).Couple;
        await Joined.BothAsync(host.Services.GetRequiredService<CoupleStore>(), host.Services.GetRequiredService<ConsentService>(), couple, "test");
    }

    /// <summary>A text as Twilio posts it, signed for the address the host is reached at.</summary>
    private async Task TextAsync(LocalHostApp host, string from, string body)
    {
        var form = Sms.InboundForm(from, body, sid: $"SM{++sids:D32}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Sms.Sign(new Uri(host.Address, "/api/sms").ToString(), form, Token));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task JumpAsync(LocalHostApp host, DateTimeOffset to)
    {
        using var response = await host.Client.PostAsJsonAsync("/dev/clock", new { utc = to });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<List<Texted>> OutboxAsync(LocalHostApp host) => (await host.Client.GetFromJsonAsync<List<Texted>>("/dev/outbox"))!;

    private static DateTimeOffset Minute(DateTimeOffset utc) => new(utc.UtcTicks - utc.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>Completes <see cref="Seen"/> once the host logs a line containing the given text.</summary>
    private sealed class LogWatch(string text) : ILoggerProvider, ILogger
    {
        private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => seen.Task;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains(text)) seen.TrySetResult();
        }

        public void Dispose() { }
    }
}
