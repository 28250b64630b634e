using Azure.Data.Tables;
using HappyTogether.Content.Prompts;
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
        app.Clock.SetUtcNow(evening);
        await app.TickAsync();
        var message = Assert.Single((await app.Queue.ReceiveMessagesAsync(32)).Value);
        var job = Assert.Single(OutboundJob.ParseMessage(message.MessageText));
        await app.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        var trigger = app.Function<OutboundQueueTrigger>();

        // A late answer to an earlier night lands, with its night, after the send read the couple.
        var late = new AnswerRecord(job.Date.AddDays(-1), "a", "Late, but: the picnic. happy") { PromptId = "q-late", Mood = "happy", MoodRecognized = true, MessageSid = "SMlate", ReceivedUtc = evening };
        var night = AnsweredNight.Of(late, app.Get<MoodLexicon>());
        app.StorageFaults.BeforeNext(r => r.Method == Azure.Core.RequestMethod.Post && r.Uri.Path.EndsWith("$batch"),
            () => app.Get<Answers>().TryStoreAnswerAsync(couple.Id, late, new StoredReply(job.Date, "SMlate", null, evening), true, null, RotationLog.Note(couple.Id, night)));
        await Assert.ThrowsAsync<StoredMeanwhileException>(() => trigger.Run(message.MessageText, default));
        await trigger.Run(message.MessageText, default);

        var sent = await app.Function<HappyTogether.Entry.Sending.OutboxSmsSender>().ReadAllAsync();
        Assert.All(couple.Partners, p => Assert.Single(sent, t => t.To == p.Phone));
        var rotation = await app.Get<RotationLog>().ReadAsync(couple.Id);
        Assert.Single(rotation.Picks[Slot.Evening], p => p.Day == job.Date.DayNumber);
        Assert.Equal(night, Assert.Single(rotation.Nights));
        Assert.True(rotation.HasNightsFrom(job.Date.AddDays(-14)));
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

        // No texts since (their numbers stopped working, say); a hundred days on, the sweep runs.
        app.Clock.Advance(TimeSpan.FromDays(100));
        await app.Get<RetentionSweep>().RunAsync();

        var rotation = await app.Get<RotationLog>().ReadAsync(couple.Id);
        Assert.Empty(rotation.Nights);
        Assert.Equal(noted.Picks[Slot.Evening], rotation.Picks[Slot.Evening]);
        Assert.Null(await app.Get<Answers>().GetAnswerAsync(couple.Id, Monday, "a"));
        var row = (await app.Tables.History.GetEntityAsync<TableEntity>(couple.Id, CoupleRows.Rotation)).Value;
        Assert.All(RotationLog.NightColumns, c => Assert.True(string.IsNullOrEmpty(row.GetString(c.Name))));
        // Run again: nothing left to blank, no write.
        app.StorageRequests.Reset();
        await app.Get<RetentionSweep>().RunAsync();
        Assert.Equal(row.ETag, (await app.Tables.History.GetEntityAsync<TableEntity>(couple.Id, CoupleRows.Rotation)).Value.ETag);
    }
}
