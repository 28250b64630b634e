using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HappyTogether.Tests.Faults;

/// <summary>A text that reached a number: through the sender (with the couple it was for), or a TwiML reply to its own
/// text.</summary>
public sealed record SentText(string To, string Kind, string Body, DateTimeOffset Utc, int Step, string? CoupleId = null, string? InReplyTo = null);

/// <summary>A text a number sent in, as the simulation played it (placeholders filled in), with the app's
/// reply.</summary>
public sealed record InText(string From, string Body, string? Reply, DateTimeOffset Utc, int Step);

/// <summary>
/// Plays a scenario against the app's real services on Azurite (one app per scenario, so clocks and due
/// indexes never mix). Every text the app sends is recorded as the sender takes it, since an erasure
/// deletes the outbox rows of the numbers it names. What went out is then judged by
/// <see cref="TrustModel"/> against what the numbers themselves texted.
/// </summary>
public sealed partial class CoupleSimulation
{
    public static readonly IReadOnlyDictionary<string, string> Phones = new Dictionary<string, string>
    {
        ["a"] = "+13125550181",
        ["b"] = "+13125550182",
        ["c"] = "+13125550183",
    };

    private static readonly TimeSpan TickEvery = TimeSpan.FromMinutes(5);
    private const string NoCode = "1111 2222 3333";

    private readonly TestApp app;
    private readonly Scenario scenario;
    private readonly ConcurrentQueue<SentText> sent;
    private readonly StepCounter step;
    private readonly Dictionary<string, string> codes = [];
    private int answers;

    /// <summary>Each couple's partners' zones (by couple id and phone) at the end of each step, the opening's start as
    /// step 0.</summary>
    private readonly List<Dictionary<(string CoupleId, string Phone), string>> zonesAfter = [];
    private readonly Dictionary<(string CoupleId, string Phone), string> lastZones = [];

    private CoupleSimulation(TestApp app, Scenario scenario, ConcurrentQueue<SentText> sent, StepCounter step)
    {
        this.app = app;
        this.scenario = scenario;
        this.sent = sent;
        this.step = step;
    }

    /// <summary>Every text that reached a number, in the order it went out.</summary>
    public List<SentText> Sent { get; } = [];

    /// <summary>Every text a number sent in, in order.</summary>
    public List<InText> Texted { get; } = [];

    /// <summary>Admin enrollments: the step and whether the app enrolled the couple (it refuses a member's or a stopped
    /// number).</summary>
    public Dictionary<int, (EnrollOp Op, bool Enrolled)> Enrollments { get; } = [];

    public Scenario Scenario => scenario;

    public static async Task<CoupleSimulation> RunAsync(Scenario scenario)
    {
        var sent = new ConcurrentQueue<SentText>();
        var step = new StepCounter();
        await using var app = await TestApp.StartAsync(scenario.Start, services: s => s.AddSingleton<ISmsSender>(sp =>
            new RecordingSender(ActivatorUtilities.CreateInstance<OutboxSmsSender>(sp), sp.GetRequiredService<TimeProvider>(), sent, step)));
        var simulation = new CoupleSimulation(app, scenario, sent, step);
        await simulation.PlayAsync();
        return simulation;
    }

    private async Task PlayAsync()
    {
        zonesAfter.Add([]);
        foreach (var op in scenario.Ops)
        {
            step.Value++;
            switch (op)
            {
                case TextOp text:
                    // A text comes in a moment after anything else, so what it sets off belongs to its step.
                    app.Clock.Advance(TimeSpan.FromSeconds(5));
                    var body = Fill(text.Body);
                    var (status, reply) = await app.TextAsync(Phones[text.From], body);
                    Assert.Equal(200, status);
                    Texted.Add(new InText(text.From, body, reply, app.Clock.GetUtcNow(), step.Value));
                    if (reply is not null)
                    {
                        sent.Enqueue(new SentText(text.From, "reply", reply, app.Clock.GetUtcNow(), step.Value, InReplyTo: body));
                        if (SignUpSteps.CodeIn(reply) is { Length: > 0 } code) codes[text.From] = code;
                    }
                    await app.DrainQueueAsync();
                    break;
                case EnrollOp enroll:
                    app.Clock.Advance(TimeSpan.FromSeconds(5));
                    var result = await app.Get<Enrollment>().EnrollAsync(new EnrollmentRequest(
                        [Partner(enroll.X), Partner(enroll.Y)], scenario.Zones[enroll.X], null, null, null));
                    Enrollments[step.Value] = (enroll, result is EnrollmentResult.Enrolled);
                    await app.DrainQueueAsync();
                    break;
                case RunOp run:
                    await RunHostAsync(app.Clock.GetUtcNow() + run.Duration);
                    break;
                case OutageOp outage:
                    app.Clock.Advance(outage.Duration);
                    await app.Get<Scheduler>().RunAsync();
                    await app.DrainQueueAsync();
                    break;
            }
            await SnapshotZonesAsync();
        }
        // The recorder saw the sends in the order they happened; a stable sort keeps that order within an instant.
        Sent.AddRange(sent.OrderBy(t => t.Step).ThenBy(t => t.Utc));
    }

    private PartnerRequest Partner(string number) => new(Scenarios.NameOf(number), Phones[number], scenario.Zones[number]);

    /// <summary>Fills in a body's placeholders: a number as typed, the latest code given to a number, an answer's
    /// unique token.</summary>
    private string Fill(string body) => Placeholder().Replace(body, m => m.Groups[1].Value switch
    {
        "phone" => $"{Phones[m.Groups[2].Value][2..5]} {Phones[m.Groups[2].Value][5..8]} {Phones[m.Groups[2].Value][8..]}",
        "code" => codes.GetValueOrDefault(m.Groups[2].Value, NoCode),
        // The token first, so that no shortening of a long answer can cut it off.
        _ => $"{TrustModel.AnswerToken}{++answers} {m.Groups[2].Value}",
    });

    [GeneratedRegex(@"\{(phone|code|answer):([^}]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>Zones of every couple a text has named so far, as the store has them now (an erased couple keeps its
    /// last).</summary>
    private async Task SnapshotZonesAsync()
    {
        var store = app.Get<CoupleStore>();
        foreach (var id in sent.Select(t => t.CoupleId).OfType<string>().Distinct().ToList())
        {
            if (await store.GetAsync(id) is not { } couple) continue;
            foreach (var partner in couple.Partners) lastZones[(id, partner.Phone)] = partner.TimeZone;
        }
        zonesAfter.Add(new(lastZones));
    }

    /// <summary>The recipient's zone while the text's step ran: before it (zone changes send nothing scheduled in their
    /// step), else just after.</summary>
    public TimeZoneInfo ZoneOf(SentText text)
    {
        var key = (text.CoupleId ?? "", Phones[text.To]);
        var zone = zonesAfter[text.Step - 1].GetValueOrDefault(key) ?? zonesAfter[text.Step].GetValueOrDefault(key) ?? "America/Chicago";
        return TimeZoneInfo.FindSystemTimeZoneById(zone);
    }

    /// <summary>
    /// Moves the clock to <paramref name="target"/> the way a 5-minute timer would: every tick at which
    /// something falls due on the way runs, in order, and what it queues is sent (as the local host's DevClock does).
    /// </summary>
    private async Task RunHostAsync(DateTimeOffset target)
    {
        var due = app.Get<DueIndex>();
        var scheduler = app.Get<Scheduler>();
        for (var ticks = 0; await due.EarliestAsync() is { } earliest; ticks++)
        {
            if (ticks > 10_000) throw new InvalidOperationException("The scheduler keeps finding the same slot due.");
            var tick = CeilToTick(earliest);
            if (tick > target) break;
            if (tick > app.Clock.GetUtcNow()) app.Clock.SetUtcNow(tick);
            await scheduler.RunAsync();
            await app.DrainQueueAsync();
        }
        if (target > app.Clock.GetUtcNow()) app.Clock.SetUtcNow(target);
        await app.DrainQueueAsync();
    }

    private static DateTimeOffset CeilToTick(DateTimeOffset utc)
    {
        var remainder = utc.UtcTicks % TickEvery.Ticks;
        return remainder == 0 ? utc : utc.AddTicks(TickEvery.Ticks - remainder);
    }

    /// <summary>Everything that went in and out, in order, for a failure message.</summary>
    public string Transcript()
    {
        var lines = Texted.Select(t => (t.Step, t.Utc, Order: 0, Line: $"step {t.Step,2} {t.Utc:MM-dd HH:mm:ss}Z  {t.From} texts \"{t.Body}\""))
            .Concat(Sent.Select((t, i) => (t.Step, t.Utc, Order: 1 + i,
                Line: $"step {t.Step,2} {t.Utc:MM-dd HH:mm:ss}Z    -> {t.To} {t.Kind} ({ZoneTime.ToLocal(t.Utc, ZoneOf(t)):ddd HH:mm} local{(t.CoupleId is null ? "" : ", couple " + t.CoupleId[..4])}): {Trim(t.Body)}")))
            .OrderBy(l => l.Step).ThenBy(l => l.Order);
        return string.Join('\n', lines.Select(l => "  " + l.Line));
    }

    private static string Trim(string body) => body.Length <= 70 ? body : body[..67] + "...";

    /// <summary>The step being played, for the recorder.</summary>
    private sealed class StepCounter
    {
        public int Value;
    }

    /// <summary>Records every text the app hands its sender, with the couple it was for, then lets the outbox take
    /// it.</summary>
    private sealed class RecordingSender(ISmsSender inner, TimeProvider clock, ConcurrentQueue<SentText> sent, StepCounter step) : ISmsSender
    {
        public string Description => inner.Description;

        public async Task<SentSms> SendAsync(OutgoingSms sms, CancellationToken ct = default)
        {
            var result = await inner.SendAsync(sms, ct);
            var to = Phones.Single(p => p.Value == sms.To).Key;
            sent.Enqueue(new SentText(to, sms.Kind ?? "unknown", sms.Body, clock.GetUtcNow(), step.Value, sms.Callback?.CoupleId));
            return result;
        }

        public Task<SentSms?> FindSentAsync(OutgoingSms sms, DateTimeOffset since, CancellationToken ct = default) => inner.FindSentAsync(sms, since, ct);
    }
}
