using HappyTogether.Content.Recap;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Functions;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HappyTogether.Tests.Integration;

/// <summary>The weekly recap through the scheduler, the queue and the sender, and the operator's recap API.</summary>
public class RecapDeliveryTests
{
    /// <summary>Stores an answer for a partner's local date directly, as the webhook would have.</summary>
    private static Task<bool> AnswerAsync(TestApp app, Couple couple, string partner, DateOnly date, string mood) =>
        app.StoreAnswerAsync(couple.Id, new AnswerRecord(date, partner, $"{mood} today") { Mood = mood, MoodRecognized = true, MessageSid = $"SM{partner}{date.DayNumber}{mood}" });

    /// <summary>Ticks the scheduler every <paramref name="minutes"/> (on the clock's marks) up to <paramref
    /// name="until"/>, sending what is due.</summary>
    private static Task RunUntilAsync(TestApp app, DateTimeOffset until, int minutes = 5)
    {
        var step = TimeSpan.FromMinutes(minutes);
        var marks = new List<DateTimeOffset>();
        for (var t = app.Clock.GetUtcNow() + step; t <= until; t += step)
            marks.Add(new DateTimeOffset(t.UtcTicks - t.UtcTicks % step.Ticks, TimeSpan.Zero));
        return app.RunTimerAsync(marks);
    }

    [Fact]
    public async Task Each_partner_gets_one_recap_at_sunday_19_local_even_across_a_DST_change_and_a_double_timer()
    {
        // Monday 2027-03-08 in Chicago; clocks go forward on Sunday 14th, the recap day.
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 3, 8, 12, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync();
        for (var d = 8; d <= 13; d++)
        {
            await AnswerAsync(app, couple, "a", new DateOnly(2027, 3, d), d % 2 == 0 ? "calm" : "happy");
            await AnswerAsync(app, couple, "b", new DateOnly(2027, 3, d), "grateful");
        }

        // Sunday 18:55 CDT is 23:55 UTC.
        await RunUntilAsync(app, new DateTimeOffset(2027, 3, 14, 23, 55, 0, TimeSpan.Zero));
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Recap);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.Zero));
        var timer = app.Function<SchedulerTimer>();
        await Task.WhenAll(timer.Run(null!, default), timer.Run(null!, default));
        await app.DrainQueueAsync();
        await RunUntilAsync(app, new DateTimeOffset(2027, 3, 15, 4, 0, 0, TimeSpan.Zero));

        var recapA = Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Recap);
        Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Recap);
        Assert.Equal(new DateTime(2027, 3, 14, 19, 0, 0), ZoneTime.ToLocal(recapA.Utc, couple.A.Zone));
        Assert.StartsWith("You both answered 6 nights this week, 6 in a row. You: calm x3, happy x3. Sam: grateful x6.", recapA.Body);
        Assert.True(HappyTogether.Foundation.Text.Gsm7.Septets(recapA.Body) <= 306);
    }

    [Fact]
    public async Task The_recap_ends_with_each_partners_own_link_to_the_week_page_and_a_retry_composes_the_same_text()
    {
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync();
        for (var d = 4; d <= 9; d++)
        {
            await AnswerAsync(app, couple, "a", new DateOnly(2027, 1, d), "calm");
            await AnswerAsync(app, couple, "b", new DateOnly(2027, 1, d), "happy");
        }
        // Sunday 19:00 in Chicago is 01:00 UTC on Monday.
        await RunUntilAsync(app, new DateTimeOffset(2027, 1, 11, 1, 30, 0, TimeSpan.Zero), minutes: 30);

        var pages = app.Function<WeekPageFunction>();
        var links = new List<string>();
        // The answers are stored directly, with no reveal, so each page shows the viewer's own words.
        foreach (var (key, other, own) in new[] { ("a", "Sam", "calm"), ("b", "Ana", "happy") })
        {
            var recap = Assert.Single(await app.ReceivedAsync(couple, key), t => t.Kind == TextKind.Recap);
            Assert.True(HappyTogether.Foundation.Text.Gsm7.Septets(recap.Body) <= 306, recap.Body);
            var link = recap.Body[(recap.Body.LastIndexOf(' ') + 1)..];
            Assert.StartsWith(Sms.PublicBaseUrl + "/api/w?", link);
            links.Add(link);
            var page = (ContentResult)await pages.Get(Http.Link(link), default);
            Assert.Equal(200, page.StatusCode);
            Assert.Contains($"<title>Your week with {other}</title>", page.Content);
            Assert.Contains($">{own}<", page.Content);
        }
        Assert.NotEqual(links[0], links[1]);

        // Composed again later (a retry after a crash), the text is the same, so the retry finds the one that went out.
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        var recaps = app.Get<RecapService>();
        Assert.EndsWith(links[0], recaps.Render(couple, await recaps.ComputeAsync(couple, new DateOnly(2027, 1, 10)), "a"));

        // Fourteen days after the recap's slot the link has expired.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 25, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(410, ((ContentResult)await pages.Get(Http.Link(links[0]), default)).StatusCode);
    }

    [Fact]
    public async Task A_heavy_week_for_one_partner_sends_them_a_line_from_the_heavy_pool_and_the_other_one_from_the_steady_pool()
    {
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync();
        // Ana's words lean unpleasant, "stressed" the most; Sam answered the same nights, calm.
        foreach (var (day, mood) in new[] { (4, "stressed"), (6, "sad"), (8, "stressed") })
        {
            await app.StoreAnswerAsync(couple.Id, new AnswerRecord(new DateOnly(2027, 1, day), "a", $"{mood} today") { Mood = mood, MoodRecognized = true, MessageSid = $"SMa{day}" });
            await app.StoreAnswerAsync(couple.Id, new AnswerRecord(new DateOnly(2027, 1, day), "b", "calm today") { Mood = "calm", MoodRecognized = true, MessageSid = $"SMb{day}" });
        }
        // Sunday 19:00 in Chicago is 01:00 UTC on Monday.
        await RunUntilAsync(app, new DateTimeOffset(2027, 1, 11, 1, 30, 0, TimeSpan.Zero), minutes: 30);

        var toAna = Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Recap).Body;
        var toSam = Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Recap).Body;
        Assert.Equal("stressed", NudgePools.Single(toAna, "heavy").Word);
        Assert.Null(NudgePools.Single(toSam, "steady").Word);
    }

    [Fact]
    public async Task A_recap_costs_one_range_query_over_the_couple_history()
    {
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync();
        for (var d = 4; d <= 10; d++) await AnswerAsync(app, couple, "a", new DateOnly(2027, 1, d), "calm");

        var recaps = app.Get<RecapService>();
        app.StorageRequests.Reset();
        var recap = await recaps.ComputeAsync(couple, new DateOnly(2027, 1, 10));
        Assert.Equal(1, app.StorageRequests.Total);
        Assert.Equal(7, recap["a"].NightsAnswered);
    }

    [Fact]
    public async Task A_streak_longer_than_four_weeks_reads_the_same_in_STATUS_and_in_the_recap()
    {
        // From Monday 2027-01-04 both answer every night up to Saturday 2027-02-20: 48 nights.
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync();
        for (var night = new DateOnly(2027, 1, 4); night <= new DateOnly(2027, 2, 20); night = night.AddDays(1))
        {
            await AnswerAsync(app, couple, "a", night, "calm");
            await AnswerAsync(app, couple, "b", night, "happy");
        }

        // Sunday 2027-02-21, 19:00 in Chicago: the recap is due and tonight's question is not answered yet.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 22, 1, 0, 0, TimeSpan.Zero));
        await app.Get<Scheduler>().RunAsync();
        await app.DrainQueueAsync();

        var recap = Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Recap);
        Assert.Contains("You both answered 6 nights this week, 48 in a row.", recap.Body);
        Assert.EndsWith("You've both answered 48 nights in a row! Language: English.", (await app.TextAsync(couple.A.Phone, "STATUS")).Reply);
    }

    [Theory]
    [InlineData(26, 1)]
    [InlineData(27, 2)]
    [InlineData(54, 2)]
    [InlineData(55, 3)]
    public async Task A_streak_is_read_four_weeks_at_a_time_up_to_the_first_missed_night(int nights, int queries)
    {
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync();
        var today = new DateOnly(2027, 3, 1);
        for (var back = 1; back <= nights; back++)
        {
            await AnswerAsync(app, couple, "a", today.AddDays(-back), "calm");
            await AnswerAsync(app, couple, "b", today.AddDays(-back), "happy");
        }
        // Before the streak: a night only one of them answered, then one both did.
        await AnswerAsync(app, couple, "a", today.AddDays(-nights - 1), "calm");
        await AnswerAsync(app, couple, "a", today.AddDays(-nights - 2), "calm");
        await AnswerAsync(app, couple, "b", today.AddDays(-nights - 2), "happy");

        app.StorageRequests.Reset();
        Assert.Equal(nights, await app.Get<Answers>().StreakAsync(couple.Id, today));
        Assert.Equal(queries, app.StorageRequests.Total);
    }

    [Fact]
    public async Task The_week_boundary_follows_each_partners_own_zone()
    {
        // Ana in Chicago, Sam in Tokyo: each recap covers that partner's local Monday to Sunday.
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync(zoneB: "Asia/Tokyo");
        await AnswerAsync(app, couple, "a", new DateOnly(2027, 1, 3), "angry");
        await AnswerAsync(app, couple, "a", new DateOnly(2027, 1, 4), "calm");
        await AnswerAsync(app, couple, "b", new DateOnly(2027, 1, 10), "happy");
        await AnswerAsync(app, couple, "b", new DateOnly(2027, 1, 11), "sad");

        await RunUntilAsync(app, new DateTimeOffset(2027, 1, 11, 4, 0, 0, TimeSpan.Zero), minutes: 30);
        var toSam = Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Recap);
        var toAna = Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Recap);
        // Sunday 19:00 in Tokyo comes 15 hours before Sunday 19:00 in Chicago.
        Assert.Equal(TimeSpan.FromHours(15), toAna.Utc - toSam.Utc);
        Assert.Equal(new DateTime(2027, 1, 10, 19, 0, 0), ZoneTime.ToLocal(toSam.Utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")));
        // Each reads their own week's word; the other's stays out, since they never answered the same night.
        Assert.Contains("You: happy.", toSam.Body);
        Assert.Contains("You: calm.", toAna.Body);
        Assert.DoesNotContain("sad", toSam.Body);
        Assert.DoesNotContain("angry", toAna.Body);
        Assert.DoesNotContain("Ana: calm", toSam.Body);
        Assert.DoesNotContain("Sam: happy", toAna.Body);
    }

    [Fact]
    public async Task Recap_keyword_moves_the_weekly_slot()
    {
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync();
        Assert.Equal("Your weekly recap now comes on Fridays at 6pm.", (await app.TextAsync(couple.A.Phone, "RECAP fri 6pm")).Reply);
        Assert.StartsWith("Try RECAP sun 7pm", (await app.TextAsync(couple.A.Phone, "recap sun 11pm")).Reply);
        Assert.StartsWith("Try RECAP sun 7pm", (await app.TextAsync(couple.A.Phone, "recap sunday")).Reply);
        var slot = (await app.Get<DueIndex>().ReadArmedAsync(couple.Id)).Single(s => s.Partner == "a" && s.Slot == Slot.Recap);
        Assert.Equal(new DateTime(2027, 1, 8, 18, 0, 0), ZoneTime.ToLocal(slot.DueUtc, couple.A.Zone));
        Assert.Equal(DayOfWeek.Sunday, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.B.RecapDay);
    }

    [Fact]
    public async Task After_three_heavy_weeks_the_care_line_comes_once_then_waits_four_weeks()
    {
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2026, 12, 14, 12, 0, 0, TimeSpan.Zero),
            settings: new Dictionary<string, string?> { ["CareResourceUrl"] = "https://example.org/help" });
        var couple = await app.EnrollOptedInAsync();
        for (var day = new DateOnly(2026, 12, 14); day <= new DateOnly(2027, 1, 31); day = day.AddDays(1))
            await AnswerAsync(app, couple, "a", day, day.DayNumber % 3 == 0 ? "tired" : "stressed");

        await RunUntilAsync(app, new DateTimeOffset(2027, 2, 1, 4, 0, 0, TimeSpan.Zero), minutes: 60);
        var recaps = (await app.ReceivedAsync(couple, "a")).Where(t => t.Kind == TextKind.Recap).ToList();
        Assert.Equal(7, recaps.Count);
        // Weeks ending Dec 20 and 27 have no three-week run yet; Jan 3 has; then four weeks' rest.
        Assert.Equal([false, false, true, false, false, false, true], recaps.Select(r => r.Body.Contains("https://example.org/help")));
        Assert.Equal(new DateOnly(2027, 1, 31), (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.CareShownOn);
    }

    [Fact]
    public async Task The_recap_api_returns_the_week_as_json_and_checks_its_input()
    {
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 12, 12, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync();
        await AnswerAsync(app, couple, "a", new DateOnly(2027, 1, 5), "calm");
        await AnswerAsync(app, couple, "a", new DateOnly(2027, 1, 6), "calm");
        await AnswerAsync(app, couple, "b", new DateOnly(2027, 1, 6), "stressed");
        var api = app.Function<CouplesApi>();

        HttpRequestWith(out var request, "?week=2027-W01");
        var result = await api.Recap(request, couple.Id, default);
        var body = Http.Body(result);
        Assert.Equal("2027-01-04", body.GetProperty("from").GetString());
        Assert.Equal("2027-01-10", body.GetProperty("to").GetString());
        Assert.Equal(1, body.GetProperty("nightsBoth").GetInt32());
        var a = body.GetProperty("partners")[0];
        Assert.Equal("calm", a.GetProperty("words")[0].GetProperty("word").GetString());
        Assert.Equal(2, a.GetProperty("words")[0].GetProperty("count").GetInt32());
        Assert.Equal("Green", a.GetProperty("words")[0].GetProperty("quadrant").GetString());
        Assert.Equal("Red", body.GetProperty("partners")[1].GetProperty("words")[0].GetProperty("quadrant").GetString());
        Assert.StartsWith("steady-", a.GetProperty("nudgeId").GetString());

        HttpRequestWith(out var bad, "?week=2027-53");
        Assert.Equal(400, Http.Status(await api.Recap(bad, couple.Id, default)));
        HttpRequestWith(out var none, "");
        Assert.Equal("2027-01-17", Http.Body(await api.Recap(none, couple.Id, default)).GetProperty("to").GetString());
        Assert.Equal(404, Http.Status(await api.Recap(none, "nosuchcouple", default)));
    }

    private static void HttpRequestWith(out Microsoft.AspNetCore.Http.HttpRequest request, string query)
    {
        request = Http.Get();
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
    }
}
