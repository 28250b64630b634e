using HappyTogether.Content.Reveals;
using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>Answers, mood words and reveals through the signed webhook.</summary>
public class RepliesTests
{
    // Monday 2027-01-04, 20:30 in Chicago: the evening question has just gone out.
    private static readonly DateTimeOffset Evening = TestApp.ChicagoEvening;
    private static readonly DateOnly Day = new(2027, 1, 4);

    private static Task<(TestApp App, Couple Couple)> AfterQuestionAsync() => TestApp.AfterEveningQuestionAsync();

    private static async Task<List<string>> TextsOfKindAsync(TestApp app, Couple couple, string partner, string kind) =>
        (await app.ReceivedAsync(couple, partner)).Where(t => t.Kind == kind).Select(t => t.Body).ToList();

    [Fact]
    public async Task An_acknowledgement_that_tells_nothing_new_is_left_out_and_the_answer_still_counts()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        async Task NextEveningAsync()
        {
            var from = app.Clock.GetUtcNow();
            await app.RunTimerAsync(Enumerable.Range(1, 24 * 12).Select(n => from.AddMinutes(5 * n)));
        }

        // The first answer of the week is acknowledged in full.
        Assert.Equal((200, "Got it: calm. Sam hasn't answered yet."), await app.TextAsync(couple.A.Phone, "Cooking together, calm"));
        await NextEveningAsync();
        // A mood word Ana wrote herself, once she knows how it goes: no text at all, the answer stored with its mood.
        Assert.Equal((200, (string?)null), await app.TextAsync(couple.A.Phone, "A long walk, calm"));
        Assert.Equal("calm", (await app.Get<Answers>().GetAnswerAsync(couple.Id, Day.AddDays(1), "a"))?.Mood);
        // The second to answer still reads the first's answer in the reply.
        Assert.Equal((200, "Got it: tired. Ana's answer: A long walk, calm"), await app.TextAsync(couple.B.Phone, "Walked too, tired"));
        await NextEveningAsync();
        // An emoji that stands for a mood is as good as the word.
        Assert.Equal((200, (string?)null), await app.TextAsync(couple.A.Phone, "😊"));
        Assert.Equal("happy", (await app.Get<Answers>().GetAnswerAsync(couple.Id, Day.AddDays(2), "a"))?.Mood);
        await NextEveningAsync();
        // No mood word: asked for one once this week, then no more.
        Assert.StartsWith("Got it, thanks! Add a feeling word", (await app.TextAsync(couple.A.Phone, "Made soup together")).Reply);
        await NextEveningAsync();
        Assert.Equal((200, (string?)null), await app.TextAsync(couple.A.Phone, "Watched the rain", sid: "SMquietretry"));
        // Twilio's retry of that text gets the same nothing, and the answer is stored once.
        Assert.Equal((200, (string?)null), await app.TextAsync(couple.A.Phone, "Watched the rain", sid: "SMquietretry"));
        Assert.Equal(5, (await app.Get<Answers>().ReadAnswersAsync(couple.Id, Day, Day.AddDays(4))).Count(a => a.Partner == "a"));
        // Sam's first answer this week without a mood word is asked for one, before Ana's answer.
        Assert.Equal("Got it! Text a feeling word (like calm) for your recap. Ana's answer: Watched the rain",
            (await app.TextAsync(couple.B.Phone, "Listened to the rain")).Reply);
        await NextEveningAsync();
        // A mood read from a misspelling is said back, so a misreading shows.
        Assert.Equal((200, "Got it: exhausted. Sam hasn't answered yet."), await app.TextAsync(couple.A.Phone, "Tea on the porch, exhuasted"));
        // The second without a mood word, once asked this week: the reveal alone.
        Assert.Equal((200, "Got it. Ana's answer: Tea on the porch, exhuasted"), await app.TextAsync(couple.B.Phone, "Read a book"));
        await app.DrainQueueAsync();
        Assert.Equal(["Sam's answer: Listened to the rain", "Sam's answer: Read a book"], (await TextsOfKindAsync(app, couple, "a", TextKind.Reveal)).TakeLast(2));
        // Sam answered second every night: he read every reveal in a reply.
        Assert.Empty(await TextsOfKindAsync(app, couple, "b", TextKind.Reveal));
    }

    [Fact]
    public async Task A_second_answer_without_a_mood_word_whose_reveal_leaves_no_room_to_ask_for_one_gets_both_texts()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        // 420 characters: whole in a reveal of its own (3 segments), not after the request for a mood word.
        var story = string.Concat(Enumerable.Repeat("We finally cooked the recipe from our trip, burned the garlic twice and laughed so hard about it. ", 5))[..414] + " calm";
        Assert.False(RevealText.FitsWhole(ReplyTexts.AskForMoodLead, "Ana", story));
        await app.TextAsync(couple.A.Phone, story);
        Assert.Equal("Got it, thanks! Add a feeling word (like calm or tired) for your weekly recap. Ana answered too; their answer is on its way.",
            (await app.TextAsync(couple.B.Phone, "Went for a run after")).Reply);
        await app.DrainQueueAsync();
        Assert.Equal(["Ana's answer: " + story], await TextsOfKindAsync(app, couple, "b", TextKind.Reveal));
        Assert.Equal(3, Gsm7.Segments("Ana's answer: " + story));
        Assert.Equal(["Sam's answer: Went for a run after"], await TextsOfKindAsync(app, couple, "a", TextKind.Reveal));
    }

    [Fact]
    public async Task A_second_answer_without_a_mood_word_reads_the_request_and_an_answer_too_long_for_any_reveal_in_one_text()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        // Past three segments even in a reveal of its own: the opening and the link in the reply, after the request.
        var story = string.Concat(Enumerable.Repeat("We finally cooked the recipe from our trip and laughed so hard about it. ", 8)) + "calm";
        Assert.False(RevealText.FitsWhole("Ana", story));
        await app.TextAsync(couple.A.Phone, story);
        var reply = (await app.TextAsync(couple.B.Phone, "Went for a run after")).Reply!;
        Assert.StartsWith("Got it! Text a feeling word (like calm) for your recap. Ana's answer: We finally cooked", reply);
        Assert.Contains("... Read it all: https://happytogether.example.org/api/n?", reply);
        Assert.Equal(3, Gsm7.Segments(reply));
        await app.DrainQueueAsync();
        Assert.Empty(await TextsOfKindAsync(app, couple, "b", TextKind.Reveal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Once_both_answered_each_partner_gets_the_other_answer(bool anaFirst)
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        var (first, second) = anaFirst ? (couple.A, couple.B) : (couple.B, couple.A);
        var firstText = first == couple.A ? "Cooking together, calm" : "The walk home. Tired but happy";

        var (status, ack) = await app.TextAsync(first.Phone, firstText);
        Assert.Equal(200, status);
        Assert.Equal($"Got it: {(first == couple.A ? "calm" : "happy")}. {second.Name} hasn't answered yet.", ack);
        Assert.Equal(0, await app.DrainQueueAsync());

        // The second to answer reads the first's answer in the reply: one text, not an acknowledgement and a reveal.
        var (_, ack2) = await app.TextAsync(second.Phone, second == couple.A ? "Cooking together, calm" : "The walk home. Tired but happy");
        var firstAnswer = first == couple.A ? "Ana's answer: Cooking together, calm" : "Sam's answer: The walk home. Tired but happy";
        Assert.Equal($"Got it: {(second == couple.A ? "calm" : "happy")}. {firstAnswer}", ack2);
        await app.DrainQueueAsync();

        // Only the first to answer gets a reveal of its own.
        string[] toAna = anaFirst ? ["Sam's answer: The walk home. Tired but happy"] : [];
        string[] toSam = anaFirst ? [] : ["Ana's answer: Cooking together, calm"];
        Assert.Equal(toAna, await TextsOfKindAsync(app, couple, "a", TextKind.Reveal));
        Assert.Equal(toSam, await TextsOfKindAsync(app, couple, "b", TextKind.Reveal));
        // Both reveals are in the history, the one in the reply too, so no job sends it again and EXPORT counts it as
        // shared.
        Assert.Equal(2, (await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, Day, Day)).Count(r => r.Kind == TextKind.Reveal && r.Sid is not null));
        Assert.Equal(second.Key, (await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, Day, Day)).Single(r => r.Status == OutboundStatus.Replied).Partner);

        var stored = await app.Get<Answers>().ReadAnswersAsync(couple.Id, Day, Day);
        Assert.Equal(2, stored.Count);
        var question = (await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, Day, Day)).First(r => r.Kind == TextKind.Evening);
        Assert.All(stored, a => Assert.Equal(question.PromptId, a.PromptId));
        Assert.Equal("calm", stored.Single(a => a.Partner == "a").Mood);
    }

    [Fact]
    public async Task Share_off_from_either_partner_keeps_answers_private_until_both_have_it_on()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        Assert.Equal(ReplyTexts.ShareOff, (await app.TextAsync(couple.B.Phone, "share off")).Reply);
        await app.TextAsync(couple.A.Phone, "Lovely, grateful");
        var (_, ack) = await app.TextAsync(couple.B.Phone, "quiet day, bored");
        Assert.Equal("Got it: bored. Sharing is off, so answers stay private.", ack);
        await app.DrainQueueAsync();
        Assert.Empty(await TextsOfKindAsync(app, couple, "a", TextKind.Reveal));
        Assert.Empty(await TextsOfKindAsync(app, couple, "b", TextKind.Reveal));

        Assert.Equal("Sharing is on: once you both answer, you'll see each other's answers.", (await app.TextAsync(couple.B.Phone, "SHARE ON")).Reply);
        await app.TextAsync(couple.A.Phone, "SHARE OFF");
        Assert.Equal("Sharing is on for you. Answers are shared once Ana turns it on too.", (await app.TextAsync(couple.B.Phone, "Share on")).Reply);
    }

    [Fact]
    public async Task A_retried_webhook_gets_the_same_reply_and_stores_nothing_new()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.B.Phone, "cozy evening, content");
        var sid = Sms.NewSid();
        var first = await app.TextAsync(couple.A.Phone, "calm", sid);
        var again = await app.TextAsync(couple.A.Phone, "calm", sid);
        var third = await app.TextAsync(couple.A.Phone, "calm", sid);

        Assert.Equal(first, again);
        Assert.Equal(first, third);
        Assert.Single(await app.Get<Answers>().ReadAnswersAsync(couple.Id, Day, Day), a => a.Partner == "a");
        // Each attempt queues Sam's reveal (a retry cannot tell whether the first got that far); the sender's claim
        // sends it once.
        Assert.Equal(3, await app.DrainQueueAsync());
        Assert.Single(await TextsOfKindAsync(app, couple, "b", TextKind.Reveal));
    }

    [Fact]
    public async Task A_second_text_after_answering_is_kept_as_a_note_and_not_revealed()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "happy");
        Assert.Equal(ReplyTexts.NoteAfterAnswer, (await app.TextAsync(couple.A.Phone, "oh and also: I love you")).Reply);
        Assert.Equal("happy", Assert.Single(await app.Get<Answers>().ReadAnswersAsync(couple.Id, Day, Day)).Text);
        Assert.Contains(await app.RowsMentioningAsync("I love you"), r => r.Contains("|note|a|"));
    }

    [Fact]
    public async Task A_text_before_any_question_is_a_note()
    {
        await using var app = await TestApp.StartAsync(Evening.AddHours(-3));
        var couple = await app.EnrollOptedInAsync();
        Assert.Equal(ReplyTexts.NoteBeforeFirstQuestion, (await app.TextAsync(couple.A.Phone, "excited to start!")).Reply);
        Assert.Empty(await app.Get<Answers>().ReadAnswersAsync(couple.Id, Day, Day));
    }

    [Fact]
    public async Task Emoji_only_answers_get_a_mood_and_answers_without_a_feeling_record_none()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        var (_, ack) = await app.TextAsync(couple.A.Phone, "😴");
        Assert.StartsWith("Got it: sleepy.", ack);
        var (_, ackB) = await app.TextAsync(couple.B.Phone, "Blorptastic evening");
        // Asked for a mood word, and Ana's emoji in the same reply (UCS-2, two segments, as an acknowledgement and a
        // reveal on its own would take).
        Assert.Equal("Got it! Text a feeling word (like calm) for your recap. Ana's answer: 😴", ackB);
        var stored = await app.Get<Answers>().ReadAnswersAsync(couple.Id, Day, Day);
        Assert.Equal((null, false), stored.Where(a => a.Partner == "b").Select(a => (a.Mood, a.MoodRecognized)).Single());
        Assert.Equal(("sleepy", true), stored.Where(a => a.Partner == "a").Select(a => (a.Mood, a.MoodRecognized)).Single());
    }

    [Fact]
    public async Task Long_non_latin_and_empty_texts_are_stored_answered_and_revealed_as_written_within_three_segments()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        var longText = string.Concat(Enumerable.Repeat("We laughed about the “old days” — so grateful. ", 40))[..1600];
        var (status, ack) = await app.TextAsync(couple.A.Phone, longText);
        Assert.Equal((200, "Got it: grateful. Sam hasn't answered yet."), (status, ack));
        Assert.Equal(longText, Assert.Single(await app.Get<Answers>().ReadAnswersAsync(couple.Id, Day, Day)).Text);

        Assert.Equal(ReplyTexts.Picture, (await app.TextAsync(couple.B.Phone, "", numMedia: 1)).Reply);
        // Sam answers second: Ana's answer comes in the reply, its curly quotes and dash as she typed them (so in
        // UCS-2), too long for three segments: its opening and the link to the night's page.
        var (_, toSam) = await app.TextAsync(couple.B.Phone, "今天很开心 😊");
        await app.DrainQueueAsync();

        Assert.Empty(await TextsOfKindAsync(app, couple, "b", TextKind.Reveal));
        Assert.StartsWith("Got it: happy. Ana's answer: We laughed about the “old days” — so grateful.", toSam);
        Assert.Matches(@"\.\.\. Read it all: https://happytogether\.example\.org/api/n\?[A-Za-z0-9_-]{43}$", toSam);
        Assert.Equal(3, Gsm7.Segments(toSam!));
        Assert.Null(Gsm7.Septets(toSam!));
        var toAna = Assert.Single(await TextsOfKindAsync(app, couple, "a", TextKind.Reveal));
        Assert.Equal("Sam's answer: 今天很开心 😊", toAna);
        Assert.Equal(1, Gsm7.Segments(toAna));
    }

    [Fact]
    public async Task Replies_with_a_story_of_emoji_cut_whole_characters_in_UCS2()
    {
        var story = string.Concat(Enumerable.Repeat("😊 fun ", 40));
        var text = RevealText.Compose("Sam", story);
        Assert.Equal(RevealText.MaxSegments, Gsm7.Segments(text));
        Assert.EndsWith("...", text);
        Assert.False(char.IsHighSurrogate(text[^4]));
        Assert.StartsWith("Sam's answer: " + text["Sam's answer: ".Length..^3].TrimEnd(), "Sam's answer: " + story);
    }
}
