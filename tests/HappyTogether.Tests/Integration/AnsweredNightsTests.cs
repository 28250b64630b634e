using Azure.Data.Tables;
using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Moods;
using HappyTogether.Functions;
using HappyTogether.Lifecycle.Erasure;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Faults;
using HappyTogether.Tests.Infrastructure;
using static HappyTogether.Tests.Infrastructure.TimerMarks;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// What choosing the next prompts needs of the answers lives on the rotation row, written in each answer's own
/// transaction, so the sender reads a couple with one request of two rows and no answer rows; a row from before
/// gets its nights from the answers once and chooses exactly as one kept all along.
/// </summary>
public class AnsweredNightsTests
{
    private static readonly DateOnly Monday = new(2027, 1, 4);

    private static async Task<AnsweredNight> StoredNightAsync(TestApp app, Couple couple, string partner, DateOnly night) =>
        AnsweredNight.Of((await app.Get<Answers>().GetAnswerAsync(couple.Id, night, partner))!, app.Get<MoodLexicon>());

    [Fact]
    public async Task Answers_and_a_mood_word_sent_later_note_their_nights_on_the_rotation_row_as_the_answers_read()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "A walk by the river after dinner. happy");
        await app.TextAsync(couple.B.Phone, "Pizza night with you");
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.TextAsync(couple.B.Phone, "tired");
        await app.DrainQueueAsync();

        var rotation = await app.Get<RotationLog>().ReadAsync(couple.Id);
        var asked = Assert.Single(rotation.Picks[Slot.Evening], p => p.Day == Monday.DayNumber).PromptId;
        foreach (var partner in new[] { "a", "b" })
            Assert.Equal(await StoredNightAsync(app, couple, partner, Monday), Assert.Single(rotation.Nights, n => n.Partner == partner && n.Date == Monday));
        var (a, b) = (rotation.Nights.Single(n => n.Partner == "a"), rotation.Nights.Single(n => n.Partner == "b"));
        Assert.Equal((asked, true, 1, true, false), (a.PromptId, a.MoodRecognized, a.MoodSign, a.Quotable, a.Withheld));
        // The mood came in a text of its own: its night changed with the answer.
        Assert.Equal((true, -1), (b.MoodRecognized, b.MoodSign));
        Assert.True(rotation.HasNightsFrom(Monday.AddDays(-14)));
    }

    [Fact]
    public async Task The_sender_reads_a_couple_with_one_request_for_its_profile_and_rotation_and_reads_no_answer_rows()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "Cooking together. happy");
        await app.TextAsync(couple.B.Phone, "Same, the soup. calm");
        await app.DrainQueueAsync();
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(23.9)));

        // Tuesday 20:30: the evening's tick, then its job, with every table read kept.
        app.Clock.SetUtcNow(TestApp.ChicagoEvening.AddDays(1));
        await app.TickAsync();
        app.StorageRequests.KeepTableReads = true;
        app.StorageRequests.Reset();
        await app.DrainQueueAsync();

        var reads = app.StorageRequests.TableReads;
        var read = Assert.Single(reads, r => r.Contains(couple.Id, StringComparison.Ordinal));
        Assert.Contains("RowKey ge 'couple' and RowKey le 'rotation'", read);
        var evenings = (await app.ReceivedAsync(couple, "a")).Where(t => t.Kind == TextKind.Evening).ToList();
        Assert.Equal(2, evenings.Count);
    }

    [Fact]
    public async Task A_rotation_row_from_before_the_nights_were_kept_reads_them_from_the_answers_and_chooses_as_one_kept_all_along()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        // Six nights through the webhook and the scheduler: Ana's week runs heavy, both give a mood word each night.
        string[] moodsA = ["sad", "tired", "happy", "worried", "sad", "calm"];
        string[] moodsB = ["content", "happy", "calm", "sad", "happy", "excited"];
        for (var night = 0; night < 6; night++)
        {
            if (night > 0) await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(1)));
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await app.TextAsync(couple.A.Phone, $"The walk on night {night + 1}, {moodsA[night]}");
            await app.TextAsync(couple.B.Phone, $"Night {night + 1} was the soup. {moodsB[night]}");
            await app.DrainQueueAsync();
        }
        var seventh = Monday.AddDays(6);
        var kept = (await app.Tables.History.GetEntityAsync<TableEntity>(couple.Id, CoupleRows.Rotation)).Value;

        // The seventh day's ideas and questions, each time from a process that has read nothing yet.
        async Task<List<string>> SeventhDayAsync()
        {
            var rotation = app.Function<PromptRotation>();
            var now = (await app.Get<CoupleStore>().GetAsync(couple.Id))!;
            var texts = new List<string>();
            foreach (var slot in new[] { Slot.Morning, Slot.Evening })
                foreach (var partner in now.Partners)
                    texts.Add((await rotation.ComposeAsync(now, partner, slot, seventh)).Body);
            return texts;
        }
        var withNights = await SeventhDayAsync();
        // The row as it was written before nights were kept on it: the picks alone.
        var picksOnly = new TableEntity(couple.Id, CoupleRows.Rotation);
        foreach (var slot in Enum.GetNames<Slot>())
            if (kept.GetString(slot) is { } list) picksOnly[slot] = list;
        await app.Tables.History.UpsertEntityAsync(picksOnly, TableUpdateMode.Replace);
        var fromAnswers = await SeventhDayAsync();

        Assert.Equal(withNights, fromAnswers);
        // What the nights decide: with a mood word most nights the question asks for one in a few words.
        Assert.Contains(app.Get<PromptCatalog>().ShortSuffixes, s => withNights[2].EndsWith(s, StringComparison.Ordinal));
        var rotationNow = await app.Get<RotationLog>().ReadAsync(couple.Id);
        Assert.True(rotationNow.HasNightsFrom(seventh.AddDays(-14)));
        for (var night = Monday; night < seventh; night = night.AddDays(1))
            foreach (var partner in new[] { "a", "b" })
                Assert.Equal(await StoredNightAsync(app, couple, partner, night), Assert.Single(rotationNow.Nights, n => n.Partner == partner && n.Date == night));
    }

    [Fact]
    public async Task An_answer_stored_between_a_sends_read_and_its_claim_fails_the_claim_and_the_retry_keeps_its_night()
    {
        var evening = DueCouples.Evening;
        await using var app = await TestApp.StartAsync(evening.AddHours(-1));
        var couple = Assert.Single(await DueCouples.SeedAsync(app, 1, evening.AddHours(-1)));
        var trigger = app.Function<OutboundQueueTrigger>();
        var lexicon = app.Get<MoodLexicon>();

        // The evening's send has read the couple; before its claim goes out, a late answer to an earlier night lands
        // with its night. The claim fails, and the retry reads the row again.
        async Task<OutboundJob> InterleavedAsync(DateTimeOffset at, string partner)
        {
            app.Clock.SetUtcNow(at);
            await app.TickAsync();
            var message = Assert.Single((await app.Queue.ReceiveMessagesAsync(32)).Value);
            var job = Assert.Single(OutboundJob.ParseMessage(message.MessageText));
            await app.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            var late = new AnswerRecord(Monday, partner, "Late, but: the picnic. happy")
            {
                PromptId = "q-late",
                Mood = "happy",
                MoodRecognized = true,
                MessageSid = $"SMlate{partner}",
                ReceivedUtc = at,
            };
            app.StorageFaults.BeforeNext(r => r.Method == Azure.Core.RequestMethod.Post && r.Uri.Path.EndsWith("$batch"),
                () => app.StoreAnswerAsync(couple.Id, late));
            await Assert.ThrowsAsync<StoredMeanwhileException>(() => trigger.Run(message.MessageText, default));
            await trigger.Run(message.MessageText, default);
            Assert.Contains(AnsweredNight.Of(late, lexicon), (await app.Get<RotationLog>().ReadAsync(couple.Id)).Nights);
            return job;
        }

        // The first evening there is no row yet, and the answer's night creates it: the send's add finds it there.
        var first = await InterleavedAsync(evening, "a");
        // The next morning goes out as usual; the next evening the row is there, and the answer changes its version.
        app.Clock.SetUtcNow(evening.AddHours(11.5));
        await app.TickAsync();
        await app.DrainQueueAsync();
        var second = await InterleavedAsync(evening.AddDays(1), "b");

        var sent = await app.Function<HappyTogether.Entry.Sending.OutboxSmsSender>().ReadAllAsync();
        Assert.All(couple.Partners, p => Assert.Equal(2, sent.Count(t => t.To == p.Phone && t.Kind == TextKind.Evening)));
        var rotation = await app.Get<RotationLog>().ReadAsync(couple.Id);
        Assert.Single(rotation.Picks[Slot.Evening], p => p.Day == first.Date.DayNumber);
        Assert.Single(rotation.Picks[Slot.Evening], p => p.Day == second.Date.DayNumber);
        Assert.Equal(2, rotation.Nights.Count);
        Assert.True(rotation.HasNightsFrom(second.Date.AddDays(-14)));
    }

    [Fact]
    public async Task A_week_heavy_only_in_answers_withheld_for_safety_shapes_nothing_the_other_partner_gets()
    {
        await using var app = await TestApp.StartAsync(DueCouples.Evening.AddHours(-1));
        async Task<List<Prompt?>> PicksAsync(string prefix, bool withheld)
        {
            var couples = await DueCouples.SeedAsync(app, 30, DueCouples.Evening.AddHours(-1), prefix);
            var rotation = app.Function<PromptRotation>();
            var picks = new List<Prompt?>();
            foreach (var couple in couples)
            {
                // Six nights of Ana's unpleasant mood words before day 40; Sam is calm.
                var day = couple.Epoch.AddDays(40);
                for (var back = 1; back <= 6; back++)
                {
                    var night = day.AddDays(-back);
                    var mood = back % 2 == 0 ? "sad" : "worried";
                    await app.StoreAnswerAsync(couple.Id, new AnswerRecord(night, "a", $"A long day. {mood}")
                    {
                        Mood = mood,
                        MoodRecognized = true,
                        Care = withheld ? CareSignal.Safety : CareSignal.None,
                        MessageSid = $"SMa{night.DayNumber}",
                    });
                    await app.StoreAnswerAsync(couple.Id, new AnswerRecord(night, "b", "Fine, the soup. calm") { Mood = "calm", MoodRecognized = true, MessageSid = $"SMb{night.DayNumber}" });
                }
                foreach (var slot in new[] { Slot.Morning, Slot.Evening })
                    foreach (var partner in couple.Partners)
                        picks.Add((await rotation.ComposeAsync(couple, partner, slot, day)).Prompt);
            }
            return picks;
        }
        static bool Drill(Prompt? p) => p?.Tags.Any(t => t.StartsWith(PromptChoice.SkillTag, StringComparison.Ordinal)) == true;

        // Shared with Sam, Ana's heavy week lightens both their days: no skill drills.
        var shared = await PicksAsync("shared", withheld: false);
        Assert.DoesNotContain(shared, Drill);
        // Withheld, it changes nothing Sam gets: the drills come back, and no heavy-week idea goes to him.
        var kept = await PicksAsync("kept", withheld: true);
        Assert.Contains(kept, Drill);
        Assert.DoesNotContain(kept, p => p?.When == Condition.HeavyWeek);
    }

    [Fact]
    public async Task The_retention_sweep_blanks_the_nights_of_a_couple_gone_quiet_with_their_answers_and_keeps_the_picks()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "The first snow. happy");
        await app.TextAsync(couple.B.Phone, "Hot chocolate after. calm");
        await app.DrainQueueAsync();
        var noted = await app.Get<RotationLog>().ReadAsync(couple.Id);
        Assert.Equal(2, noted.Nights.Count);

        // No texts since (their numbers stopped working, say), but for one answer to a question of last night; a
        // hundred days on, the sweep runs.
        app.Clock.Advance(TimeSpan.FromDays(100));
        var recent = new AnswerRecord(Monday.AddDays(99), "b", "Back at last. hopeful") { PromptId = "q-recent", Mood = "hopeful", MoodRecognized = true, MessageSid = "SMrecent" };
        await app.StoreAnswerAsync(couple.Id, recent);
        await app.Get<RetentionSweep>().RunAsync();

        var rotation = await app.Get<RotationLog>().ReadAsync(couple.Id);
        Assert.Equal([AnsweredNight.Of(recent, app.Get<MoodLexicon>())], rotation.Nights);
        Assert.Equal(noted.Picks[Slot.Evening], rotation.Picks[Slot.Evening]);
        Assert.Null(await app.Get<Answers>().GetAnswerAsync(couple.Id, Monday, "a"));
        var row = (await app.Tables.History.GetEntityAsync<TableEntity>(couple.Id, CoupleRows.Rotation)).Value;
        Assert.Single(RotationLog.NightColumns, c => !string.IsNullOrEmpty(row.GetString(c.Name)));
        // Run again: nothing left to blank, no write.
        app.StorageRequests.Reset();
        await app.Get<RetentionSweep>().RunAsync();
        Assert.Equal(row.ETag, (await app.Tables.History.GetEntityAsync<TableEntity>(couple.Id, CoupleRows.Rotation)).Value.ETag);
    }
}
