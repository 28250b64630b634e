using HappyTogether.Content.Reveals;
using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>What partners text after answering (a mood of its own, a reaction) and answers that look like keywords,
/// through the signed webhook against Azurite.</summary>
public class FollowUpTests
{
    // Monday 2027-01-04, 20:30 in Chicago: the evening question has just gone out.
    private static readonly DateTimeOffset Evening = TestApp.ChicagoEvening;
    private static readonly DateOnly Day = new(2027, 1, 4);

    private static Task<(TestApp App, Couple Couple)> AfterQuestionAsync() => TestApp.AfterEveningQuestionAsync();

    private static async Task<AnswerRecord> AnswerAsync(TestApp app, Couple couple, string partner) =>
        (await app.Get<Answers>().GetAnswerAsync(couple.Id, Day, partner))!;

    private static async Task<List<string>> BodiesAsync(TestApp app, Couple couple, string partner, string kind) =>
        (await app.ReceivedAsync(couple, partner)).Where(t => t.Kind == kind).Select(t => t.Body).ToList();

    [Fact]
    public async Task A_mood_word_sent_after_the_answer_sets_its_mood_and_the_recap_counts_it()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        var ack = (await app.TextAsync(couple.A.Phone, "Cooking together tonight")).Reply!;
        Assert.Contains("Add a feeling word", ack);
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal("Got it: calm, added to tonight's answer.", (await app.TextAsync(couple.A.Phone, "calm")).Reply);
        var answer = await AnswerAsync(app, couple, "a");
        Assert.Equal(("Cooking together tonight", "calm", true), (answer.Text, answer.Mood, answer.MoodRecognized));
        Assert.Single(await app.RowsMentioningAsync("|note|a|")); // the text itself, kept privately
        var recap = await app.Get<HappyTogether.Content.Recap.RecapService>().ComputeAsync(couple, Day.AddDays(6));
        Assert.Contains(recap["a"].Words, w => w.Word == "calm");
    }

    [Fact]
    public async Task Notes_past_the_nightly_cap_are_not_stored_the_first_says_so_once_and_a_stop_still_works()
    {
        Assert.Equal(20, new HappyTogetherOptions().NotesPerNight);
        Assert.True(HappyTogether.Foundation.Text.Gsm7.IsBasic(ReplyTexts.NotesFull) && HappyTogether.Foundation.Text.Gsm7.Segments(ReplyTexts.NotesFull) == 1, ReplyTexts.NotesFull);
        await using var app = await TestApp.StartAsync(Evening.AddHours(-1), settings: new Dictionary<string, string?> { ["NotesPerNight"] = "3" });
        var couple = await app.EnrollOptedInAsync();
        app.Clock.SetUtcNow(Evening);
        await app.Get<Scheduler>().RunAsync();
        await app.DrainQueueAsync();
        await app.TextAsync(couple.A.Phone, "Cooking together tonight. happy");
        int NotesOf(IEnumerable<string> rows, string partner) => rows.Count(r => r.Contains($"|note|{partner}|"));

        for (var n = 1; n <= 3; n++)
            Assert.Equal(ReplyTexts.NoteAfterAnswer, (await app.TextAsync(couple.A.Phone, $"and another thing, number {n}")).Reply);
        Assert.Equal(ReplyTexts.NotesFull, (await app.TextAsync(couple.A.Phone, "and one more thing")).Reply);
        Assert.Null((await app.TextAsync(couple.A.Phone, "and yet one more")).Reply);
        Assert.Equal(3, NotesOf(await app.RowsMentioningAsync(couple.Id), "a"));
        // Sam's notes are his own count: his first short text after the reveal is a reaction, the next a note.
        await app.TextAsync(couple.B.Phone, "Long day. tired");
        Assert.Null((await app.TextAsync(couple.B.Phone, "aww")).Reply);
        Assert.Equal(ReplyTexts.ReactionKept(couple.A), (await app.TextAsync(couple.B.Phone, "but the soup helped, it really did")).Reply);

        // The next night has room again.
        var now = app.Clock.GetUtcNow();
        await app.RunTimerAsync(Enumerable.Range(1, 24 * 12).Select(n => now.AddMinutes(5 * n)));
        await app.TextAsync(couple.A.Phone, "A walk after work. calm");
        Assert.Equal(ReplyTexts.NoteAfterAnswer, (await app.TextAsync(couple.A.Phone, "the moon was huge tonight, did you see it")).Reply);

        // Full or not, a stop in her own words gets its answer, and STOP stops.
        for (var n = 1; n <= 3; n++) await app.TextAsync(couple.A.Phone, $"and another thing, number {n}");
        Assert.Equal(ReplyTexts.ReplyStopToStop, (await app.TextAsync(couple.A.Phone, "please stop texting me, I never signed up for this")).Reply);
        await app.TextAsync(couple.A.Phone, "STOP");
        Assert.Equal(ConsentState.OptedOut, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
    }

    [Fact]
    public async Task A_mood_word_hours_later_or_with_more_words_is_a_note()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "Cooking together tonight");
        app.Clock.Advance(FollowUps.MoodWindow + TimeSpan.FromMinutes(1));
        Assert.Equal(ReplyTexts.NoteAfterAnswer, (await app.TextAsync(couple.A.Phone, "calm")).Reply);
        Assert.Null((await AnswerAsync(app, couple, "a")).Mood);
        Assert.Equal(ReplyTexts.NoteAfterAnswer, (await app.TextAsync(couple.A.Phone, "also the dog stole a carrot")).Reply);
    }

    [Fact]
    public async Task A_short_text_after_the_reveal_goes_to_the_partner_once_and_later_ones_stay_private()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "Cooking together, calm");
        await app.TextAsync(couple.B.Phone, "The walk home. happy");
        await app.DrainQueueAsync();

        var (status, reply) = await app.TextAsync(couple.A.Phone, "aww ❤️");
        Assert.Equal((200, null), (status, reply));
        await app.DrainQueueAsync();
        Assert.Equal(["Ana: aww ❤️"], await BodiesAsync(app, couple, "b", TextKind.Reaction));

        // A retry of the same webhook sends nothing more; a second reaction is kept for Ana alone.
        Assert.Equal("Kept just for you: one reaction a night goes to Sam.", (await app.TextAsync(couple.A.Phone, "haha yes")).Reply);
        await app.DrainQueueAsync();
        Assert.Single(await BodiesAsync(app, couple, "b", TextKind.Reaction));
        // Sam's reaction goes to Ana, and neither is ever called a note.
        Assert.Null((await app.TextAsync(couple.B.Phone, "love you")).Reply);
        await app.DrainQueueAsync();
        Assert.Equal(["Sam: love you"], await BodiesAsync(app, couple, "a", TextKind.Reaction));
        // Reactions are not answers: the recap and the stored answers are unchanged.
        Assert.Equal("calm", (await AnswerAsync(app, couple, "a")).Mood);
    }

    [Fact]
    public async Task A_reveal_and_a_reaction_due_in_the_night_wait_until_07_00_local()
    {
        // Sam is in London. He gets and answers his question at 20:30 there; Ana hers at 20:30 in Chicago, 02:30 in
        // London.
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 20, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollOptedInAsync(zoneB: "Europe/London");
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 4, 20, 35, 0, TimeSpan.Zero));
        await app.Get<Scheduler>().RunAsync();
        await app.DrainQueueAsync();
        await app.TextAsync(couple.B.Phone, "The walk home. happy");
        app.Clock.SetUtcNow(Evening);
        await app.Get<Scheduler>().RunAsync();
        await app.DrainQueueAsync();
        app.Clock.SetUtcNow(Evening.AddMinutes(30));
        // Ana's reveal is the reply to her answer; Sam's, due at 03:00 his time, is held.
        Assert.Equal("Got it: calm. Sam's answer: The walk home. happy", (await app.TextAsync(couple.A.Phone, "Cooking together, calm")).Reply);
        await app.DrainQueueAsync();
        Assert.Empty(await BodiesAsync(app, couple, "b", TextKind.Reveal));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null((await app.TextAsync(couple.A.Phone, "so sweet")).Reply);
        await app.DrainQueueAsync();
        Assert.Empty(await BodiesAsync(app, couple, "b", TextKind.Reaction));

        // The scheduler's ticks through the night send Sam nothing until 07:00 London, then both.
        var from = app.Clock.GetUtcNow();
        await app.RunTimerAsync(Enumerable.Range(1, 60).Select(n => from.AddMinutes(5 * n)).Where(t => t.Hour < 8));
        var night = (await app.ReceivedAsync(couple, "b")).Where(t => t.Utc > Evening).ToList();
        Assert.Equal([TextKind.Reaction, TextKind.Reveal], night.Select(t => t.Kind).Order());
        Assert.All(night, t => Assert.Equal(new TimeOnly(7, 0), TimeOnly.FromDateTime(ZoneTime.ToLocal(t.Utc, couple.B.Zone))));
        Assert.Equal(["Ana: so sweet"], await BodiesAsync(app, couple, "b", TextKind.Reaction));
    }

    [Theory]
    [InlineData("Yes")]
    [InlineData("YES!")]
    [InlineData("No")]
    [InlineData("Stop by the bakery on your way home")]
    [InlineData("Time flies when we're together")]
    [InlineData("Zone out with you on the couch")]
    [InlineData("pause 5 minutes and hug me")]
    [InlineData("Help me plan Saturday")]
    [InlineData("End of a long week. drained")]
    [InlineData("Share the last slice with me")]
    public async Task Answers_that_look_like_keywords_are_answers_and_are_revealed(string text)
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        var ack = (await app.TextAsync(couple.A.Phone, text)).Reply!;
        Assert.StartsWith("Got it", ack);
        Assert.Equal(text, (await AnswerAsync(app, couple, "a")).Text);
        // Sam answers second, so Ana's answer comes in his reply.
        Assert.Equal(RevealText.ComposeAfter("Got it: calm.", "Ana", text), (await app.TextAsync(couple.B.Phone, "calm")).Reply);
        await app.DrainQueueAsync();
        Assert.Equal([RevealText.Compose("Sam", "calm")], await BodiesAsync(app, couple, "a", TextKind.Reveal));
        Assert.Equal(ConsentState.OptedIn, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
    }

    [Fact]
    public async Task A_keyword_in_capitals_with_an_unreadable_argument_gets_an_example()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        Assert.Equal(ReplyTexts.ZoneExample, (await app.TextAsync(couple.A.Phone, "ZONE Chicgo")).Reply);
        Assert.Null(await app.Get<Answers>().GetAnswerAsync(couple.Id, Day, "a"));
    }
}
