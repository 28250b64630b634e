using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using static HappyTogether.Tests.Infrastructure.TimerMarks;

namespace HappyTogether.Tests.Integration;

/// <summary>"Your turn": one gentle text to the partner who has not answered, 90 minutes after the other did, inside
/// waking hours.</summary>
public class YourTurnTests
{
    /// <summary>18:30 in Chicago on Monday 2027-01-04, after both moved their evening question there.</summary>
    private static readonly DateTimeOffset EarlyQuestion = new(2027, 1, 4, 18, 30, 0, TimeSpan.FromHours(-6));

    [Fact]
    public async Task An_answer_at_19_00_brings_the_nudge_the_same_evening_and_none_the_next_night()
    {
        await using var app = await TestApp.StartAsync(EarlyQuestion.AddHours(-6));
        var couple = await app.EnrollOptedInAsync();
        await app.TextAsync(couple.A.Phone, "TIME 6:30pm");
        await app.TextAsync(couple.B.Phone, "TIME 6:30pm");

        // 19:00: Ana answers, Sam does not. 90 minutes on it is 20:30, inside Sam's evening.
        await AnswerTimeAsync(app, 0);
        await app.TextAsync(couple.A.Phone, "A walk after dinner. calm");
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(12)));
        var nudge = Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.YourTurn);
        Assert.Equal(
            "Ana answered tonight's question. Send yours whenever you like, and you'll each see the other's. (Text NUDGE OFF to stop these reminders.)",
            nudge.Body);
        Assert.Equal(new DateTime(2027, 1, 4, 20, 30, 0), ZoneTime.ToLocal(nudge.Utc, couple.B.Zone));
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.YourTurn);

        // The next night the same: no nudge two nights running.
        await AnswerTimeAsync(app, 1);
        await app.TextAsync(couple.A.Phone, "Leftovers. tired");
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(12)));
        Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.YourTurn);

        // The night after that, the nudge comes again, worded without the how-to-stop.
        await AnswerTimeAsync(app, 2);
        await app.TextAsync(couple.A.Phone, "Board games. happy");
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(12)));
        var again = (await app.ReceivedAsync(couple, "b")).Where(t => t.Kind == TextKind.YourTurn).ToList();
        Assert.Equal(2, again.Count);
        Assert.Equal("Ana answered tonight's question. Send yours whenever you like, and you'll each see the other's.", again[1].Body);
    }

    /// <summary>The timer runs up to and past the 18:30 question <paramref name="nights"/> after the first, then the
    /// clock stands at 19:00.</summary>
    private static async Task AnswerTimeAsync(TestApp app, int nights)
    {
        var question = EarlyQuestion.AddDays(nights);
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), question - app.Clock.GetUtcNow() + TimerMarks.Step));
        app.Clock.SetUtcNow(question.AddMinutes(30));
    }

    [Fact]
    public async Task An_answer_at_21_10_brings_no_nudge_that_night_nor_at_7_00_the_next_morning()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // 21:10 in Chicago: 90 minutes on it would be 22:40, after Sam's waking hours. Nothing is held for 07:00.
            app.Clock.Advance(TimeSpan.FromMinutes(40));
            await app.TextAsync(couple.A.Phone, "A walk after dinner. calm");
            Assert.Empty(await app.RowsMentioningAsync($"|{TextKind.YourTurn}|"));
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(12)));
            Assert.DoesNotContain(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.YourTurn);
            Assert.DoesNotContain(await app.ReceivedAsync(couple, "b"), t => t.Body.Contains("last night", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_nudge_whose_turn_comes_late_finds_the_partner_asleep_and_is_dropped_not_held()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // A nudge held for 21:25 (an answer at 19:55) whose turn comes only at 22:00, after a stalled timer: Sam is
            // asleep by then, and the nudge is dropped rather than held for the morning.
            await app.TextAsync(couple.A.Phone, "Cooking together. happy");
            var job = new OutboundJob(couple.Id, TextKind.YourTurn, new DateOnly(2027, 1, 4), [couple.B.Key]);
            await app.Get<HappyTogether.Model.Scheduling.DueIndex>().HoldAsync(job, app.Clock.GetUtcNow().AddMinutes(50));
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow().AddMinutes(85), TimeSpan.FromHours(12)));
            Assert.DoesNotContain(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.YourTurn);
        }
    }

    [Fact]
    public async Task No_nudge_after_the_partner_answers_on_their_own_or_texts_nudge_off()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            await app.TextAsync(couple.A.Phone, "Cooking together. happy");
            app.Clock.Advance(TimeSpan.FromMinutes(30));
            await app.TextAsync(couple.B.Phone, "The same dinner. content");
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(12)));
            Assert.DoesNotContain(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.YourTurn);

            Assert.Equal(ReplyTexts.NudgeOff, (await app.TextAsync(couple.B.Phone, "NUDGE OFF")).Reply);
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(13)));
            await app.TextAsync(couple.A.Phone, "Quiet night. calm");
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(12)));
            Assert.DoesNotContain(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.YourTurn);
            Assert.Equal(ReplyTexts.NudgeOn, (await app.TextAsync(couple.B.Phone, "nudge on")).Reply);
        }
    }
}
