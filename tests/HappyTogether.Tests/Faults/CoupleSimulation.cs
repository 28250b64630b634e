using System.Globalization;
using System.Text;
using CsCheck;
using HappyTogether.Couples;
using HappyTogether.Outbound;
using HappyTogether.Replies;
using HappyTogether.Scheduling;
using HappyTogether.Sending;
using HappyTogether.Tests.Infrastructure;
using HappyTogether.TimeZones;

namespace HappyTogether.Tests.Faults;

/// <summary>One thing that happens to a simulated couple.</summary>
public abstract record SimOp;

/// <summary>A partner ("a" or "b") texts the app, a few seconds after the previous step.</summary>
public sealed record TextOp(string Partner, string Body) : SimOp
{
    public override string ToString() => $"{Partner}: \"{Body}\"";
}

/// <summary>Time passes with the host up: every scheduler tick that falls due on the way runs, then the queue drains.</summary>
public sealed record RunOp(TimeSpan Duration) : SimOp
{
    public override string ToString() => $"run {Duration:d\\.hh\\:mm}";
}

/// <summary>The host is down for a while; one tick runs when it is back.</summary>
public sealed record OutageOp(TimeSpan Duration) : SimOp
{
    public override string ToString() => $"outage {Duration:d\\.hh\\:mm}";
}

/// <summary>A couple's random life: when it starts, each partner's zone, and what happens.</summary>
public sealed record Scenario(DateTimeOffset Start, string ZoneA, string ZoneB, IReadOnlyList<SimOp> Ops)
{
    public override string ToString()
    {
        var sb = new StringBuilder($"start {Start:yyyy-MM-dd HH:mm}Z, a in {ZoneA}, b in {ZoneB} (step 0: enrolment)");
        for (var i = 0; i < Ops.Count; i++) sb.Append(CultureInfo.InvariantCulture, $"\n  {i + 1,2}. {Ops[i]}");
        return sb.ToString();
    }
}

/// <summary>Random scenarios around the 2027 DST changes, with every keyword partners can text.</summary>
public static class Scenarios
{
    /// <summary>UTC instants of DST changes (and one quiet week) that sequences start shortly before.</summary>
    private static readonly DateTimeOffset[] Anchors =
    [
        new(2027, 3, 14, 8, 0, 0, TimeSpan.Zero),   // US spring forward (02:00 Chicago)
        new(2027, 3, 28, 1, 0, 0, TimeSpan.Zero),   // EU spring forward
        new(2027, 4, 3, 16, 0, 0, TimeSpan.Zero),   // Sydney falls back (03:00 AEDT, 4 April)
        new(2027, 10, 2, 16, 0, 0, TimeSpan.Zero),  // Sydney springs forward (02:00 AEST, 3 October)
        new(2027, 10, 31, 1, 0, 0, TimeSpan.Zero),  // EU fall back
        new(2027, 11, 7, 7, 0, 0, TimeSpan.Zero),   // US fall back (02:00 CDT Chicago)
        new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero),   // no change anywhere
    ];

    private static readonly string[] Zones =
        ["America/Chicago", "America/New_York", "Europe/London", "Europe/Berlin", "Australia/Sydney", "America/Phoenix", "Asia/Kolkata", "Asia/Tokyo"];

    private static readonly Gen<string> Body = Gen.Frequency<string>(
        (3, Gen.OneOf("YES", "START", "UNSTOP", "Start.", "yes")),
        (3, Gen.OneOf("STOP", "STOPALL", "stop", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "Stop.")),
        (1, Gen.OneOf("HELP", "STATUS", "DONE", "SKIP", "RESUME", "SHARE OFF", "SHARE ON", "PAUSE")),
        (1, Gen.Int[1, 3].Select(d => $"PAUSE {d}")),
        (2, Gen.Select(Gen.Int[6, 22], Gen.OneOf("00", "15", "29", "30", "45", "59"), (h, m) => $"TIME {h}:{m}")),
        (1, Gen.OneOf("TIME 9pm", "TIME 9", "TIME 21:30", "TIME 7pm", "TIME 6am")),
        (2, Gen.Select(Gen.Int[6, 12], Gen.OneOf("00", "30", "45"), (h, m) => $"MORNING {h}:{m}")),
        (1, Gen.Select(Gen.OneOf("sun", "mon", "tue", "wed", "thu", "fri", "sat"), Gen.OneOf("7pm", "9:30pm", "8am", "21:30", "22:00", "6am"), (d, t) => $"RECAP {d} {t}")),
        (2, Gen.OneOf("Chicago", "London", "Sydney", "Tokyo", "Kolkata", "Phoenix", "Europe/Berlin", "America/New_York", "Atlantis").Select(z => $"ZONE {z}")),
        (2, Gen.OneOf("calm and happy", "tired but ok", "Time flies when we're together", "Morning babe", "stressed")),
        (2, Gen.OneOf("EVERY 2", "WEEKDAYS", "DAILY", "THANKS fri", "THANKS OFF", "NUDGE OFF", "NUDGE ON", "DATES", "EXPORT")),
        // Occasions five to seven days after the anchors, so heads-ups (five days before) fall inside the sequences.
        (3, Gen.Select(Gen.OneOf("anniversary", "birthday"), Gen.OneOf("03-19", "03-20", "04-02", "04-08", "04-09", "10-07", "10-08", "11-05", "11-12", "01-11", "01-12", "OFF"), (k, d) => $"DATE {k} {d}")));

    private static readonly Gen<TimeSpan> Duration = Gen.Frequency<int>(
        (3, Gen.Int[1, 59]),
        (3, Gen.Int[60, 12 * 60]),
        (1, Gen.Int[12 * 60, 3 * 24 * 60])).Select(m => TimeSpan.FromMinutes(m));

    private static readonly Gen<SimOp> Op = Gen.Frequency<SimOp>(
        (6, Gen.Select(Gen.OneOf(Couple.PartnerA, Couple.PartnerB), Body, (p, b) => (SimOp)new TextOp(p, b))),
        (4, Duration.Select(d => (SimOp)new RunOp(d))),
        (1, Duration.Select(d => (SimOp)new OutageOp(d))));

    /// <summary>Most partners say YES first, so the steps after it have texts to check.</summary>
    public static Gen<Scenario> Of(int minSteps, int maxSteps) =>
        Gen.Select(
            Gen.Int[0, Anchors.Length - 1],
            Gen.Int[0, 60 * 60],
            Gen.OneOf(Zones),
            Gen.OneOf(Zones),
            Gen.Int[0, 9],
            Op.Array[minSteps, maxSteps],
            (anchor, minutesBefore, zoneA, zoneB, yes, ops) =>
            {
                var opening = new List<SimOp>();
                if (yes < 8) opening.Add(new TextOp(Couple.PartnerA, "YES"));
                if (yes is < 7 or 9) opening.Add(new TextOp(Couple.PartnerB, "YES"));
                return new Scenario(Anchors[anchor].AddMinutes(-minutesBefore), zoneA, zoneB, [.. opening, .. ops]);
            });
}

/// <summary>A text that reached a partner: from the outbox, or a TwiML reply to their own text.</summary>
public sealed record SentText(string Partner, string Kind, string Body, DateTimeOffset Utc, int Step, string? InReplyTo = null);

/// <summary>
/// Plays a scenario against the app's real services on Azurite (one app per scenario, so clocks
/// and due indexes never mix), then checks what went out against the consent log.
/// </summary>
public sealed class CoupleSimulation
{
    public const string PhoneA = "+13125550181";
    public const string PhoneB = "+13125550182";
    private static readonly TimeSpan TickEvery = TimeSpan.FromMinutes(5);

    private readonly TestApp app;
    private readonly List<SentText> replies = [];
    private readonly List<DateTimeOffset> stepEnds = [];
    private readonly List<Dictionary<string, string>> zonesBefore = [];
    private Couple couple = null!;

    private CoupleSimulation(TestApp app) => this.app = app;

    /// <summary>Every text each partner received, oldest first.</summary>
    public List<SentText> Sent { get; } = [];

    /// <summary>Consent changes per partner, oldest first: (when, state).</summary>
    public Dictionary<string, List<(DateTimeOffset At, ConsentState State)>> Consent { get; } = new()
    {
        [Couple.PartnerA] = [],
        [Couple.PartnerB] = [],
    };

    public static async Task<CoupleSimulation> RunAsync(Scenario scenario)
    {
        await using var app = await TestApp.StartAsync(scenario.Start);
        var simulation = new CoupleSimulation(app);
        await simulation.PlayAsync(scenario);
        return simulation;
    }

    private async Task PlayAsync(Scenario scenario)
    {
        couple = await app.EnrolAsync(phoneA: PhoneA, phoneB: PhoneB, timeZone: scenario.ZoneA, zoneB: scenario.ZoneB);
        await app.DrainQueueAsync();
        var zones = new Dictionary<string, string> { [Couple.PartnerA] = couple.A.TimeZone, [Couple.PartnerB] = couple.B.TimeZone };
        stepEnds.Add(app.Clock.GetUtcNow());
        zonesBefore.Add(new(zones));

        var step = 1;
        foreach (var op in scenario.Ops)
        {
            zonesBefore.Add(new(zones));
            switch (op)
            {
                case TextOp text:
                    // A text comes in a moment after anything else, so sends and consent changes at one instant belong to one step.
                    app.Clock.Advance(TimeSpan.FromSeconds(5));
                    var (status, reply) = await app.TextAsync(couple[text.Partner].Phone, text.Body);
                    Assert.Equal(200, status);
                    if (reply is not null) replies.Add(new SentText(text.Partner, "reply", reply, app.Clock.GetUtcNow(), step, text.Body));
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
            var now = await app.Get<CoupleStore>().GetAsync(couple.Id) ?? throw new InvalidOperationException("The couple vanished.");
            zones[Couple.PartnerA] = now.A.TimeZone;
            zones[Couple.PartnerB] = now.B.TimeZone;
            stepEnds.Add(app.Clock.GetUtcNow());
            step++;
        }
        await CollectAsync();
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

    private async Task CollectAsync()
    {
        foreach (var partner in couple.Partners)
        {
            foreach (var text in await app.OutboxAsync(partner.Phone))
                Sent.Add(new SentText(partner.Key, text.Kind ?? "unknown", text.Body, text.Utc, StepOf(text.Utc)));
        }
        Sent.AddRange(replies);
        Sent.Sort((x, y) => x.Utc.CompareTo(y.Utc));

        foreach (var row in await app.Get<CoupleStore>().ReadConsentLogAsync(couple.Id))
            Consent[row.GetString("Partner")].Add((row.GetDateTimeOffset("AtUtc")!.Value, Enum.Parse<ConsentState>(row.GetString("State"))));
        foreach (var log in Consent.Values) log.Sort((x, y) => x.At.CompareTo(y.At));
    }

    /// <summary>The step a send at <paramref name="utc"/> happened in: steps cover disjoint stretches of the clock.</summary>
    private int StepOf(DateTimeOffset utc)
    {
        for (var i = 0; i < stepEnds.Count; i++)
        {
            if (utc <= stepEnds[i]) return i;
        }
        return stepEnds.Count - 1;
    }

    /// <summary>A partner's zone while a step ran (zone changes never send scheduled texts in the same step).</summary>
    public TimeZoneInfo ZoneAt(SentText text) => TimeZoneInfo.FindSystemTimeZoneById(zonesBefore[text.Step][text.Partner]);

    /// <summary>Consent as the log has it at an instant, changes made at that instant included.</summary>
    public ConsentState ConsentAt(string partner, DateTimeOffset utc) =>
        // No record yet (the default) reads as Invited, the state every partner starts in.
        Consent[partner].LastOrDefault(c => c.At <= utc).State;

    // The window as DESIGN.md states it, kept apart from the product's WakingWindow so a change there cannot move the goalposts.
    private static readonly TimeOnly Wake = new(7, 0);
    private static readonly TimeOnly Sleep = new(21, 30);

    private static bool IsScheduled(string kind) => kind is TextKind.Morning or TextKind.Evening or TextKind.Recap;

    /// <summary>Every broken invariant, one line each; empty when all hold.</summary>
    public List<string> Violations()
    {
        var found = new List<string>();
        foreach (var text in Sent)
        {
            var consent = ConsentAt(text.Partner, text.Utc);
            // 1. Between STOP and the next opt-in nothing goes out (Twilio sends its own STOP confirmation).
            //    A HELP reply is the one exception: the person asked for it, and DESIGN.md says HELP answers.
            if (consent == ConsentState.OptedOut && !(text.Kind == "reply" && Keywords.Parse(text.InReplyTo).Keyword == Keyword.Help))
                found.Add($"consent: {Describe(text)} after {text.Partner} opted out");
            if (IsScheduled(text.Kind) && consent != ConsentState.OptedIn)
                found.Add($"consent: scheduled {Describe(text)} while {text.Partner} was {consent}");

            // 2. Every text that is not a direct reply (scheduled, reveals, reactions, notices, invitations,
            //    the farewell) only inside the recipient's waking hours, in their zone at that moment. The
            //    confirmation answers the YES just sent, so it is a reply too.
            if (text.Kind is not ("reply" or TextKind.Confirmation) && TimeOnly.FromDateTime(ZoneTime.ToLocal(text.Utc, ZoneAt(text))) is var local && (local < Wake || local > Sleep))
                found.Add($"waking hours: {Describe(text)}");
        }

        // 3. One text per slot: kind, local date and partner.
        foreach (var twice in Sent.Where(t => IsScheduled(t.Kind))
                     .GroupBy(t => (t.Kind, Date: ZoneTime.LocalDate(t.Utc, ZoneAt(t)), t.Partner))
                     .Where(g => g.Count() > 1))
            found.Add($"twice: {twice.Key.Kind} {twice.Key.Date:yyyy-MM-dd} to {twice.Key.Partner}: {string.Join(", ", twice.Select(Describe))}");
        return found;
    }

    public string Describe(SentText text) =>
        $"{text.Kind} to {text.Partner} at {text.Utc:yyyy-MM-dd HH:mm:ss}Z ({ZoneTime.ToLocal(text.Utc, ZoneAt(text)):ddd HH:mm:ss} {zonesBefore[text.Step][text.Partner]}, step {text.Step})";

    /// <summary>What each partner received and when their consent changed, for a failure message.</summary>
    public string Transcript()
    {
        var lines = Sent.Select(t => (t.Utc, Line: $"{Describe(t)}: {Trim(t.Body)}"))
            .Concat(Consent.SelectMany(c => c.Value.Select(v => (Utc: v.At, Line: $"consent {c.Key} -> {v.State} at {v.At:yyyy-MM-dd HH:mm:ss}Z"))))
            .OrderBy(l => l.Utc)
            .Select(l => "  " + l.Line);
        return string.Join('\n', lines);
    }

    private static string Trim(string body) => body.Length <= 60 ? body : body[..57] + "...";
}
