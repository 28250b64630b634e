using System.Globalization;
using System.Text;
using CsCheck;

namespace HappyTogether.Tests.Faults;

/// <summary>One thing that happens in a simulated scenario.</summary>
public abstract record SimOp;

/// <summary>
/// A number ("a", "b" or the stranger "c") texts the app, a few seconds after the previous step.
/// The body may hold placeholders the simulation fills in as it plays: {phone:b} (b's number as
/// someone types it), {code:a} (the pairing code a was last given), {answer:words} (the words with a
/// token unique to this text, so where an answer travels can be traced).
/// </summary>
public sealed record TextOp(string From, string Body) : SimOp
{
    public override string ToString() => $"{From}: \"{Body}\"";
}

/// <summary>The operator enrolls two numbers through the admin API (each with its scenario zone).</summary>
public sealed record EnrollOp(string X, string Y) : SimOp
{
    public override string ToString() => $"admin enrolls {X} and {Y}";
}

/// <summary>Time passes with the host up: every scheduler tick that falls due on the way runs, then the queue
/// drains.</summary>
public sealed record RunOp(TimeSpan Duration) : SimOp
{
    public override string ToString() => $"run {Duration:d\\.hh\\:mm}";
}

/// <summary>The host is down for a while; one tick runs when it is back.</summary>
public sealed record OutageOp(TimeSpan Duration) : SimOp
{
    public override string ToString() => $"outage {Duration:d\\.hh\\:mm}";
}

/// <summary>A random life of three numbers: when it starts, each number's zone (for admin enrollments), and what
/// happens.</summary>
public sealed record Scenario(DateTimeOffset Start, IReadOnlyDictionary<string, string> Zones, IReadOnlyList<SimOp> Ops)
{
    public override string ToString()
    {
        var sb = new StringBuilder($"start {Start:yyyy-MM-dd HH:mm}Z, {string.Join(", ", Zones.Select(z => $"{z.Key} in {z.Value}"))}");
        for (var i = 0; i < Ops.Count; i++) sb.Append(CultureInfo.InvariantCulture, $"\n  {i + 1,2}. {Ops[i]}");
        return sb.ToString();
    }
}

/// <summary>Random scenarios around the 2027 DST changes: keywords, sign-ups, pairing codes, erasure and
/// re-enrollment.</summary>
public static class Scenarios
{
    /// <summary>The numbers: a couple-to-be and a stranger whom either may name.</summary>
    public static readonly string[] Numbers = ["a", "b", "c"];

    /// <summary>Each number always gives the same first name, so an invitation's body tells who sent it.</summary>
    public static string NameOf(string number) => number switch { "a" => "Ana", "b" => "Ben", _ => "Cleo" };

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

    private static readonly string[] ZoneIds =
        ["America/Chicago", "America/New_York", "Europe/London", "Europe/Berlin", "Australia/Sydney", "America/Phoenix", "Asia/Kolkata", "Asia/Tokyo"];

    // The consent words, named here so the model reads them from the scenario, not from the app's parser.
    public static readonly string[] StopWords = ["STOP", "STOPALL", "stop", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "Stop."];
    public static readonly string[] StartWords = ["START", "UNSTOP", "Start.", "JOIN"];
    public static readonly string[] YesWords = ["YES", "yes", "Sí"];

    private static readonly Gen<string> Body = Gen.Frequency<string>(
        (3, Gen.OneOf([.. YesWords, .. StartWords])),
        (3, Gen.OneOf(StopWords)),
        (1, Gen.OneOf("HELP", "STATUS", "DONE", "SKIP", "RESUME", "SHARE OFF", "SHARE ON", "PAUSE", "DELETE", "DELETE YES")),
        (1, Gen.Int[1, 3].Select(d => $"PAUSE {d}")),
        (2, Gen.Select(Gen.Int[6, 22], Gen.OneOf("00", "15", "29", "30", "45", "59"), (h, m) => $"TIME {h}:{m}")),
        (1, Gen.OneOf("TIME 9pm", "TIME 9", "TIME 21:30", "TIME 7pm", "TIME 6am")),
        (2, Gen.Select(Gen.Int[6, 12], Gen.OneOf("00", "30", "45"), (h, m) => $"MORNING {h}:{m}")),
        (1, Gen.Select(Gen.OneOf("sun", "mon", "tue", "wed", "thu", "fri", "sat"), Gen.OneOf("7pm", "9:30pm", "8am", "21:30", "22:00", "6am"), (d, t) => $"RECAP {d} {t}")),
        (2, Gen.OneOf("Chicago", "London", "Sydney", "Tokyo", "Kolkata", "Phoenix", "Europe/Berlin", "America/New_York", "Atlantis").Select(z => $"ZONE {z}")),
        (4, Gen.OneOf("calm and happy", "tired but ok", "Time flies when we're together", "Morning babe", "stressed", "aww").Select(a => $"{{answer:{a}}}")),
        (2, Gen.OneOf("EVERY 2", "WEEKDAYS", "DAILY", "THANKS fri", "THANKS OFF", "NUDGE OFF", "NUDGE ON", "DATES", "EXPORT")),
        // Occasions five to seven days after the anchors, so heads-ups (five days before) fall inside the sequences.
        (3, Gen.Select(Gen.OneOf("anniversary", "birthday"), Gen.OneOf("03-19", "03-20", "04-02", "04-08", "04-09", "10-07", "10-08", "11-05", "11-12", "01-11", "01-12", "OFF"), (k, d) => $"DATE {k} {d}")));

    private static readonly Gen<TimeSpan> Duration = Gen.Frequency<int>(
        (3, Gen.Int[1, 59]),
        (3, Gen.Int[60, 12 * 60]),
        (1, Gen.Int[12 * 60, 3 * 24 * 60])).Select(m => TimeSpan.FromMinutes(m));

    /// <summary>The couple-to-be text most; the stranger now and then.</summary>
    private static readonly Gen<string> Sender = Gen.Frequency<string>((3, Gen.Const("a")), (3, Gen.Const("b")), (2, Gen.Const("c")));

    /// <summary>Two different numbers: who acts, and whom they name.</summary>
    private static readonly Gen<(string, string)> Pair = Gen.Select(Sender, Gen.Int[1, 2], (x, k) => (x, Numbers[(Array.IndexOf(Numbers, x) + k) % 3]));

    /// <summary>The sign-up dialogue: JOIN, your name, the partner's number, their name.</summary>
    public static SimOp[] SignUp(string x, string y) =>
        [new TextOp(x, "JOIN"), new TextOp(x, NameOf(x)), new TextOp(x, $"{{phone:{y}}}"), new TextOp(x, NameOf(y))];

    /// <summary>JOIN with the code <paramref name="owner"/> was given, then your name.</summary>
    public static SimOp[] JoinWithCode(string x, string owner) => [new TextOp(x, $"JOIN {{code:{owner}}}"), new TextOp(x, NameOf(x))];

    private static readonly Gen<SimOp[]> Op = Gen.Frequency<SimOp[]>(
        (12, Gen.Select(Sender, Body, (p, b) => new SimOp[] { new TextOp(p, b) })),
        (1, Pair.Select(p => SignUp(p.Item1, p.Item2))),
        // Half the time the sign-up stops after the name, so a code waits for the partner.
        (1, Pair.Select(p => new SimOp[] { new TextOp(p.Item2, "JOIN"), new TextOp(p.Item2, NameOf(p.Item2)) })),
        (1, Pair.Select(p => JoinWithCode(p.Item1, p.Item2))),
        (1, Sender.Select(x => new SimOp[] { new TextOp(x, "DELETE"), new TextOp(x, "DELETE YES") })),
        (1, Pair.Select(p => new SimOp[] { new EnrollOp(p.Item1, p.Item2) })),
        (7, Duration.Select(d => new SimOp[] { new RunOp(d) })),
        (2, Duration.Select(d => new SimOp[] { new OutageOp(d) })));

    /// <summary>
    /// The opening: mostly the operator enrolls a and b and both say YES (sometimes after the invitations,
    /// held for the morning, had time to go out); else a signs up by SMS naming b, or gives b a code.
    /// </summary>
    private static readonly Gen<SimOp[]> Opening = Gen.Select(Gen.Int[0, 19], Gen.Int[0, 9], Gen.Int[60, 14 * 60], SimOp[] (kind, yes, wait) =>
    {
        SimOp[] run = yes < 5 ? [new RunOp(TimeSpan.FromMinutes(wait))] : [];
        SimOp[] yesA = yes < 8 ? [new TextOp("a", "YES")] : [];
        SimOp[] yesB = yes is < 7 or 9 ? [new TextOp("b", "YES")] : [];
        return kind switch
        {
            < 14 => [new EnrollOp("a", "b"), .. run, .. yesA, .. yesB],
            < 17 => [.. SignUp("a", "b"), .. yesA, .. run, .. yesB],
            _ => [new TextOp("a", "JOIN"), new TextOp("a", NameOf("a")), .. JoinWithCode("b", "a"), .. yesB, .. run, .. yesA],
        };
    });

    public static Gen<Scenario> Of(int minSteps, int maxSteps) =>
        Gen.Select(
            Gen.Int[0, Anchors.Length - 1],
            Gen.Int[0, 60 * 60],
            Gen.OneOf(ZoneIds).Array[3],
            Opening,
            Op.Array[minSteps, maxSteps],
            (anchor, minutesBefore, zones, opening, ops) => new Scenario(
                Anchors[anchor].AddMinutes(-minutesBefore),
                Numbers.Select((n, i) => (n, zones[i])).ToDictionary(z => z.n, z => z.Item2),
                [.. opening, .. ops.SelectMany(o => o)]));
}
