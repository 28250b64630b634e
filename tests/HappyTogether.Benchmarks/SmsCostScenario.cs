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
/// Couples over simulated weeks with realistic replies (some emoji, some long, phone typography):
/// SMS segments per couple-week beside the floor of one segment per prompt, recap and due reveal.
/// </summary>
public static class SmsCostScenario
{
    // Monday 2027-01-04, 06:00 in Chicago.
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private static readonly string[] Replies =
    [
        "calm", "Dinner together, happy", "😊", "tired but grateful", "We’re good — a bit stressed about work",
        "Honestly the best part was the walk home after the rain, we talked about the trip we keep postponing and laughed about the dog. content",
        "很开心", "meh", "Cooking pasta and dancing in the kitchen. Joyful!", "❤️", "long day, drained",
        string.Concat(Enumerable.Repeat("Talked for ages about everything and nothing, felt close again. ", 6)) + "loved",
    ];

    /// <summary>The part of a reply the app wrote: a reply that carries the other's answer ("Got it: calm. Ana's
    /// answer: ...") is app text only up to it.</summary>
    private static string AppWritten(string reply) => reply.Split("'s answer: ", 2)[0];

    private static string ReplyKind(string reply) =>
        reply.Contains("'s answer: ") ? "the other's answer"
        : reply.StartsWith("Got it, thanks! Add a feeling word", StringComparison.Ordinal) ? "asking for a mood word"
        : reply.StartsWith("Got it: ", StringComparison.Ordinal) ? "the mood word said back"
        : "other";

    public static async Task<IReadOnlyList<Row>> RunAsync(int couples, int weeks)
    {
        await using var app = await BenchApp.StartAsync(Start);
        var enrollment = app.Get<Enrollment>();
        var consent = app.Get<ConsentService>();
        var enrolled = new List<Couple>();
        for (var i = 0; i < couples; i++)
        {
            var result = await enrollment.EnrollAsync(new EnrollmentRequest(
                [new PartnerRequest("Ana", $"+1312555{i:D4}", null), new PartnerRequest("Sam", $"+1773555{i:D4}", null)], "America/Chicago", null, null, null));
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
                var answered = 0;
                foreach (var partner in couple.Partners)
                {
                    if (random.NextDouble() > 0.7) continue;
                    answered++;
                    var reply = await conversation.HandleAsync(new InboundText(partner.Phone, Replies[random.Next(Replies.Length)], "SM" + Guid.NewGuid().ToString("N")));
                    if (reply is not null) acks.Add(reply);
                }
                if (answered == 2) bothAnswered++;
            }
            await app.DrainAsync();
        }

        var sent = (await ((OutboxSmsSender)app.Get<ISmsSender>()).ReadAllAsync()).Where(t => t.Utc >= simulationStart).ToList();
        var coupleWeeks = (double)couples * weeks;
        var segments = sent.Sum(t => Gsm7.Segments(t.Body));
        var floor = sent.Count(t => t.Kind is TextKind.Morning or TextKind.Evening) + sent.Count(t => t.Kind == TextKind.Recap) + bothAnswered * 2;
        var appWrittenUcs2 = sent.Where(t => t.Kind != TextKind.Reveal).Count(t => Gsm7.Septets(t.Body) is null) + acks.Count(a => Gsm7.Septets(AppWritten(a)) is null);
        // Every kind that went out, so a new kind of text shows in the bill.
        var byKind = sent.GroupBy(t => t.Kind ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Row($"  {g.Key}: {g.Count() / coupleWeeks:0.##} texts, in segments", g.Sum(t => Gsm7.Segments(t.Body)) / coupleWeeks, "segments"));
        return
        [
            // The whole bill: every outbound segment, the TwiML replies included, beside the same floor (issue 17's
            // target).
            new Row("whole SMS bill: every segment, replies included", (segments + acks.Sum(Gsm7.Segments)) / coupleWeeks, "segments", floor / coupleWeeks).AtMostTimesFloor(1.15),
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
            new Row("app-written texts needing UCS-2", appWrittenUcs2, "texts").AtMost(0),
        ];
    }
}
