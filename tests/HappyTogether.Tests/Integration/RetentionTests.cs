using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using HappyTogether.Content.Prompts;
using HappyTogether.Content.Recap;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Settings;
using HappyTogether.Functions;
using HappyTogether.Lifecycle.Erasure;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Pages.Export;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// RetentionDays on Azurite: a Chicago couple answers three nights in January, then one in April; the daily sweep
/// deletes what is older than 90 days by the couple's local date, and keeps the rest and what the service needs.
/// </summary>
public class RetentionTests
{
    private const string OldAnswerA = "Cooking soup together. happy";
    private const string OldNoteA = "Also the bread was a disaster, next time";
    private const string OldAnswerB = "The walk in the snow. calm";
    private const string OldReactionB = "haha the bread";
    private const string SecondNightB = "Quiet evening reading. content";
    // Night three, the 6th: the first night inside the retention when the sweep runs.
    private const string EdgeAnswerA = "Planning the spring trip. hopeful";
    private const string RecentAnswerA = "Dinner on the balcony. grateful";
    private const string RecentAnswerB = "Finally warm enough outside. excited";

    private static readonly DateOnly Night1 = new(2027, 1, 4);
    private static readonly DateOnly Edge = new(2027, 1, 6);

    /// <summary>Monday 5 April 2027, 20:30 in Chicago (daylight time): the recent night's question.</summary>
    private static readonly DateTimeOffset AprilEvening = new(2027, 4, 6, 1, 30, 0, TimeSpan.Zero);

    /// <summary>
    /// Tuesday 6 April, 22:00 in Chicago, already the 7th in UTC: 90 days back from the local date is 6 January,
    /// from the UTC date the 7th; only the local date keeps night three.
    /// </summary>
    private static readonly DateTimeOffset SweepAt = new(2027, 4, 7, 3, 0, 0, TimeSpan.Zero);

    private static async Task TextAsync(TestApp app, Partner from, string body)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.TextAsync(from.Phone, body);
        await app.DrainQueueAsync();
    }

    /// <summary>Every scheduler tick for the next <paramref name="span"/>, from now.</summary>
    private static Task RunForAsync(TestApp app, TimeSpan span)
    {
        var now = app.Clock.GetUtcNow();
        return app.RunTimerAsync(Enumerable.Range(1, (int)(span.TotalMinutes / 5)).Select(n => now.AddMinutes(5 * n)));
    }

    private static async Task<List<string>> HistoryKeysAsync(TestApp app, Couple couple)
    {
        var keys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {couple.Id}");
        await foreach (var row in app.Tables.History.QueryAsync<TableEntity>(filter, select: ["RowKey"])) keys.Add(row.RowKey);
        return keys;
    }

    private static IEnumerable<string> OnDate(IEnumerable<string> keys, DateOnly date) =>
        keys.Where(k => CoupleRows.Parse(k).Date == date);

    [Fact]
    public async Task The_sweep_deletes_what_is_older_than_the_retention_by_local_date_and_keeps_the_rest_and_what_the_service_needs()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await TextAsync(app, couple.A, OldAnswerA);
        await TextAsync(app, couple.A, OldNoteA);
        await TextAsync(app, couple.B, OldAnswerB);
        await TextAsync(app, couple.B, OldReactionB);
        await RunForAsync(app, TimeSpan.FromDays(1));
        await TextAsync(app, couple.B, SecondNightB);
        await RunForAsync(app, TimeSpan.FromDays(1));
        await TextAsync(app, couple.A, EdgeAnswerA);
        // Three months on, a recent night.
        app.Clock.SetUtcNow(AprilEvening.AddHours(-13));
        await RunForAsync(app, TimeSpan.FromHours(13.1));
        await TextAsync(app, couple.A, RecentAnswerA);
        await TextAsync(app, couple.B, RecentAnswerB);
        await RunForAsync(app, SweepAt - app.Clock.GetUtcNow());
        app.Clock.SetUtcNow(SweepAt);

        var before = await HistoryKeysAsync(app, couple);
        // Night one holds everything a night can: answers, a note, a reaction, replies, texts out.
        var nightOne = OnDate(before, Night1).Select(CoupleRows.Parse).Select(k => k.Kind).ToHashSet();
        Assert.Superset(new HashSet<string> { CoupleRows.ReplyKind, CoupleRows.FirstKind, TextKind.Evening, TextKind.Reveal }, nightOne);
        foreach (var old in new[] { OldAnswerA, OldNoteA, OldAnswerB, OldReactionB, SecondNightB })
            Assert.NotEmpty(await app.RowsMentioningAsync(old));
        var kept = before.Where(k => CoupleRows.Parse(k).Date is null).Order().ToList();
        Assert.Contains(CoupleRows.Profile, kept);
        Assert.Contains(CoupleRows.Rotation, kept);
        Assert.Contains(kept, k => k.StartsWith(CoupleRows.Consent + "|"));
        var outboxBefore = await app.OutboxAsync(couple.A.Phone);
        var outboxTotalBefore = outboxBefore.Count + (await app.OutboxAsync(couple.B.Phone)).Count;

        // The daily sweep, as the function host runs it.
        var deleted = new List<long>();
        using (var listener = RetentionCounter(deleted))
            await app.Function<SweepTimer>().Run(new TimerInfo(), default);

        var after = await HistoryKeysAsync(app, couple);
        Assert.Empty(OnDate(after, Night1));
        Assert.Empty(OnDate(after, Night1.AddDays(1)));
        Assert.Equal(OnDate(before, Edge), OnDate(after, Edge));
        Assert.Equal(before.Where(k => CoupleRows.Parse(k).Date > Edge), after.Where(k => CoupleRows.Parse(k).Date > Edge));
        // The profile, the consent log and the rotation stay as they were.
        Assert.Equal(kept, after.Where(k => CoupleRows.Parse(k).Date is null).Order());
        foreach (var old in new[] { OldAnswerA, OldNoteA, OldAnswerB, OldReactionB, SecondNightB })
            Assert.Empty(await app.RowsMentioningAsync(old));
        foreach (var recent in new[] { EdgeAnswerA, RecentAnswerA, RecentAnswerB })
            Assert.NotEmpty(await app.RowsMentioningAsync(recent));
        Assert.Empty(await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, DateOnly.MinValue, Edge.AddDays(-1)));
        Assert.NotEmpty(await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, Edge, Edge));

        // Outbox texts go by the same cutoff in the zone furthest ahead: none sent before 6 January began at UTC+14
        // stays (the first evening's question among them), none after it went.
        var outboxCutoff = new DateTimeOffset(2027, 1, 6, 0, 0, 0, TimeSpan.FromHours(14));
        var outboxAfter = await app.OutboxAsync(couple.A.Phone);
        Assert.Contains(outboxBefore, t => t.Utc < outboxCutoff && t.Kind == TextKind.Evening);
        Assert.Equal(outboxBefore.Where(t => t.Utc >= outboxCutoff).Select(t => t.Sid), outboxAfter.Select(t => t.Sid));
        var outboxTotalAfter = outboxAfter.Count + (await app.OutboxAsync(couple.B.Phone)).Count;
        Assert.Equal(before.Count - after.Count + outboxTotalBefore - outboxTotalAfter, deleted.Sum());
        Assert.Contains(app.Logs.Lines, l => l.Contains("Retention:") && l.Contains("older than 90 days"));

        // The export and the week page still work, with the days kept.
        var export = (await app.Get<PartnerExports>().ReadAsync(couple.Id, "a"))!;
        Assert.Equal([EdgeAnswerA, RecentAnswerA, RecentAnswerB], export.Answers.Select(a => a.Text));
        Assert.Equal([(Edge, "hopeful", null), (Edge.AddDays(89), "grateful", "excited")], export.Moods.Select(m => (m.Date, m.You, m.Partner)));
        var week = app.Get<SignedLinks>().WeekUrl(couple.Id, "a", new DateOnly(2027, 4, 11))!;
        var page = Assert.IsType<ContentResult>(await app.Function<WeekPageFunction>().Get(Http.Link(week), default));
        Assert.Equal(200, page.StatusCode);
        Assert.Contains(">grateful<", page.Content);
        Assert.Contains(">excited<", page.Content);

        // Run again, or after an interruption: nothing more goes.
        var again = await app.Get<RetentionSweep>().RunAsync();
        Assert.Equal(new RetentionResult(0, 0, 0), again);
        Assert.Equal(after, await HistoryKeysAsync(app, couple));

        // A day later night three goes too, for what the cost promises: a page of the couple listing, the couple's
        // query and one entity-group delete; then the outbox scan and one delete for each number's day of texts.
        app.Clock.Advance(TimeSpan.FromDays(1));
        app.StorageRequests.Reset();
        var nextDay = await app.Get<RetentionSweep>().RunAsync();
        Assert.Equal((1, OnDate(before, Edge).Count()), (nextDay.Couples, nextDay.HistoryRows));
        Assert.True(nextDay.OutboxRows > 0);
        Assert.Equal(3 + 1 + 2, app.StorageRequests.Tables);
        Assert.Empty(await app.RowsMentioningAsync(EdgeAnswerA));
    }

    [Fact]
    public async Task A_couple_whose_profile_is_still_in_the_old_table_is_swept_too_and_its_profile_moved()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await TextAsync(app, couple.A, OldAnswerA);
        // The non-dated rows back where the old layout kept them, as LegacyProfileTests does.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {couple.Id} and RowKey ge {"a"}");
        await foreach (var row in app.Tables.History.QueryAsync<TableEntity>(filter))
        {
            await app.Tables.LegacyCouples.UpsertEntityAsync(new TableEntity(row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).ToDictionary()), TableUpdateMode.Replace);
            await app.Tables.History.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
        app.Clock.SetUtcNow(SweepAt);

        var result = await app.Get<RetentionSweep>().RunAsync();

        Assert.Equal(1, result.Couples);
        var keys = await HistoryKeysAsync(app, couple);
        Assert.DoesNotContain(keys, k => CoupleRows.Parse(k).Date is not null);
        Assert.Contains(CoupleRows.Profile, keys);
        Assert.Empty(await app.RowsMentioningAsync(OldAnswerA));
    }

    /// <summary>What retention.deleted counts, from the app's meter.</summary>
    private static MeterListener RetentionCounter(List<long> into)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "HappyTogether" && instrument.Name == "retention.deleted") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => { lock (into) into.Add(value); });
        listener.Start();
        return listener;
    }

    [Fact]
    public void A_retention_shorter_than_the_longest_look_back_is_refused_at_start_up()
    {
        // The floor covers every look-back into dated rows: unreachable days across a pause, the recap's four weeks,
        // the question's ending, a streak's page.
        Assert.Equal(UnreachablePartners.LookBackDays, HappyTogetherOptions.MinRetentionDays);
        Assert.True(HappyTogetherOptions.MinRetentionDays >= WeeklyRecap.HistoryDays);
        Assert.True(HappyTogetherOptions.MinRetentionDays >= QuestionEnding.Days);
        Assert.True(HappyTogetherOptions.MinRetentionDays >= Answers.StreakPageDays);
        Assert.Equal(90, new HappyTogetherOptions().RetentionDays);

        foreach (var (days, refused) in new[] { (HappyTogetherOptions.MinRetentionDays - 1, true), (HappyTogetherOptions.MinRetentionDays, false) })
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
                ["RetentionDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }).Build();
            using var services = new ServiceCollection().AddLogging().AddHappyTogether(configuration).BuildServiceProvider();
            var options = () => services.GetRequiredService<IOptions<HappyTogetherOptions>>().Value;
            if (refused) Assert.Contains("RetentionDays", Assert.Throws<OptionsValidationException>(options).Message);
            else Assert.Equal(days, options().RetentionDays);
        }
    }
}
