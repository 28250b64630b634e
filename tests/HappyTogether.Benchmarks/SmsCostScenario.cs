using HappyTogether.Entry.Inbound;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Text;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Testing;

namespace HappyTogether.Benchmarks;

/// <summary>
/// Couples over simulated weeks answering from a realistic mix (Data/answers.txt: long, emoji, accents, Spanish):
/// SMS segments per couple-week beside the floor of one segment per prompt, recap and due reveal.
/// </summary>
public static class SmsCostScenario
{
    // Monday 2027-01-04, 06:00 in Chicago.
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    /// <summary>The answers partners send, from <c>Data/answers.txt</c>: lengths, scripts and emoji as they come.</summary>
    private static readonly string[] Replies = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "answers.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Replace("\\n", "\n", StringComparison.Ordinal))
        .ToArray();

    /// <summary>The part of a reply the app wrote: a reply that carries the other's answer ("Got it: calm. Ana's
    /// answer: ...") is app text only up to it.</summary>
    private static string AppWritten(string reply) => reply.Split("'s answer: ", 2)[0];

    private static string ReplyKind(string reply) =>
        reply.Contains("'s answer: ") ? "the other's answer"
        : reply.StartsWith("Got it, thanks! Add a feeling word", StringComparison.Ordinal) ? "asking for a mood word"
        : reply.StartsWith("Got it: ", StringComparison.Ordinal) ? "the mood word said back"
        : "other";

    /// <param name="language">The couples' language: "en", or "es" for a couple who lives in Spanish.</param>
    public static async Task<IReadOnlyList<Row>> RunAsync(int couples, int weeks, string language = Languages.English)
    {
        await using var app = await BenchApp.StartAsync(Start);
        var enrollment = app.Get<Enrollment>();
        var consent = app.Get<ConsentService>();
        var enrolled = new List<Couple>();
        for (var i = 0; i < couples; i++)
        {
            var result = await enrollment.EnrollAsync(new EnrollmentRequest(
                [new PartnerRequest("Ana", $"+1312555{i:D4}", null, language), new PartnerRequest("Sam", $"+1773555{i:D4}", null, language)], "America/Chicago", null, null, null));
            var couple = ((EnrollmentResult.Enrolled)result).Couple;
            await Joined.BothAsync(app.Get<CoupleStore>(), consent, couple, "bench");
            enrolled.Add(couple);
        }
        await app.DrainAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var simulationStart = app.Clock.GetUtcNow();

        var due = app.Get<DueIndex>();
        var scheduler = app.Get<Scheduler>();
        var conversation = app.Get<Conversation>();
        var random = new Random(20270104);
        var acks = new List<string>();
        var bothAnswered = 0;
        // What each whole answer that was due to be revealed costs in its own encoding, on its own.
        var wholeAnswerSegments = 0;
        var end = Start.AddDays(7 * weeks);
        while (await due.EarliestAsync() is { } next && next <= end)
        {
            if (next > app.Clock.GetUtcNow()) app.Clock.SetUtcNow(next);
            await scheduler.RunAsync();
            await app.DrainAsync();
            if (TimeOnly.FromDateTime(ZoneTime.ToLocal(next, Chicago)) != new TimeOnly(20, 30)) continue;

            // The evening question is out: most partners answer within the hour.
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            foreach (var couple in enrolled)
            {
                var answered = new List<string>();
                foreach (var partner in couple.Partners)
                {
                    if (random.NextDouble() > 0.7) continue;
                    var answer = Replies[random.Next(Replies.Length)];
                    answered.Add(answer);
                    var reply = await conversation.HandleAsync(new InboundText(partner.Phone, answer, "SM" + Guid.NewGuid().ToString("N")));
                    if (reply is not null) acks.Add(reply);
                }
                if (answered.Count == 2)
                {
                    bothAnswered++;
                    wholeAnswerSegments += answered.Sum(a => Gsm7.Segments(a.Trim()));
                }
            }
            await app.DrainAsync();
        }

        var sent = (await ((OutboxSmsSender)app.Get<ISmsSender>()).ReadAllAsync()).Where(t => t.Utc >= simulationStart).ToList();
        var coupleWeeks = (double)couples * weeks;
        var segments = sent.Sum(t => Gsm7.Segments(t.Body));
        var floor = sent.Count(t => t.Kind is TextKind.Morning or TextKind.Evening) + sent.Count(t => t.Kind == TextKind.Recap) + bothAnswered * 2;
        // The floor once answers go whole: each revealed answer costs what it needs in its own encoding.
        var wholeFloor = floor - bothAnswered * 2 + wholeAnswerSegments;
        var revealSegments = sent.Where(t => t.Kind == TextKind.Reveal).Sum(t => Gsm7.Segments(t.Body))
            + acks.Where(a => ReplyKind(a) == "the other's answer").Sum(Gsm7.Segments);
        var appWrittenUcs2 = sent.Where(t => t.Kind != TextKind.Reveal).Count(t => Gsm7.Septets(t.Body) is null) + acks.Count(a => Gsm7.Septets(AppWritten(a)) is null);
        // Every kind that went out, so a new kind of text shows in the bill.
        var byKind = sent.GroupBy(t => t.Kind ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Row($"  {g.Key}: {g.Count() / coupleWeeks:0.##} texts, in segments", g.Sum(t => Gsm7.Segments(t.Body)) / coupleWeeks, "segments"));
        return
        [
            // The whole bill: every outbound segment, the TwiML replies included, beside the same floor (issue 17's
            // target).
            .. Mix(),
            // Issue 17's target (1.15x) now holds against the floor in which each revealed answer costs what it needs
            // whole; the older floor (one segment per reveal) stays for comparison with earlier runs.
            new Row("whole SMS bill against the whole-answer floor", (segments + acks.Sum(Gsm7.Segments)) / coupleWeeks, "segments", wholeFloor / coupleWeeks).AtMostTimesFloor(1.15),
            new Row("whole SMS bill: every segment, replies included", (segments + acks.Sum(Gsm7.Segments)) / coupleWeeks, "segments", floor / coupleWeeks),
            // Reveals alone (on their own and in replies) against what the whole answers need by themselves.
            new Row("reveal segments per couple-week, whole answers as floor", revealSegments / coupleWeeks, "segments", wholeAnswerSegments / coupleWeeks),
            new Row("texts per couple-week, all kinds (acks not included)", sent.Count / coupleWeeks, "texts"),
            .. byKind,
            // Without the replies: the figure earlier runs reported (its 1.1x target gave way to the whole bill's).
            new Row($"segments per couple-week without replies ({couples} couples, {weeks} weeks)", segments / coupleWeeks, "segments", floor / coupleWeeks),
            new("prompt texts per couple-week", sent.Count(t => t.Kind is TextKind.Morning or TextKind.Evening) / coupleWeeks, "texts", 28),
            new("recap segments per couple-week", sent.Where(t => t.Kind == TextKind.Recap).Sum(t => Gsm7.Segments(t.Body)) / coupleWeeks, "segments", 2),
            // The second to answer reads the reveal in the reply, so most nights send one reveal on its own.
            new("reveal segments sent on their own per couple-week", sent.Where(t => t.Kind == TextKind.Reveal).Sum(t => Gsm7.Segments(t.Body)) / coupleWeeks, "segments"),
            new("reply acknowledgements per couple-week (not in the floor)", acks.Sum(Gsm7.Segments) / coupleWeeks, "segments"),
            // What the replies said, so the bill shows which of them cost what.
            .. acks.GroupBy(ReplyKind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Row($"  replies, {g.Key}: {g.Count() / coupleWeeks:0.##} texts, in segments", g.Sum(Gsm7.Segments) / coupleWeeks, "segments")),
            // English app texts are all GSM-7; Spanish ones keep their accents only where that costs nothing (one UCS-2
            // segment), so what counts there is a UCS-2 text over one segment.
            language == Languages.English
                ? new Row("app-written texts needing UCS-2", appWrittenUcs2, "texts").AtMost(0)
                : new Row("app-written texts in UCS-2 (one segment each, accents kept)", appWrittenUcs2, "texts"),
            new Row("app-written texts in UCS-2 over one segment", sent.Where(t => t.Kind != TextKind.Reveal).Count(t => Gsm7.Septets(t.Body) is null && Gsm7.Segments(t.Body) > 1), "texts").AtMost(0),
        ];
    }

    /// <summary>What the answer mix holds, so a run's figures can be read against it.</summary>
    private static IEnumerable<Row> Mix()
    {
        double Share(Func<string, bool> which) => 100.0 * Replies.Count(which) / Replies.Length;
        return
        [
            new($"answer mix: {Replies.Length} answers, mean length", Replies.Average(a => a.Length), "chars"),
            new("  answers over 160 characters", Share(a => a.Length > 160), "%"),
            new("  answers needing UCS-2 (emoji, accents)", Share(a => Gsm7.Septets(a) is null), "%"),
            new("  answers with emoji", Share(a => a.Any(char.IsSurrogate) || a.Contains('\u2764')), "%"),
            new("  answers in Spanish (with accents or ñ)", Share(a => a.Any(c => "áéíóúñ¿¡".Contains(c))), "%"),
            new("  answers needing more than 3 segments", Share(a => Gsm7.Segments(a) > 3), "%"),
        ];
    }
}
