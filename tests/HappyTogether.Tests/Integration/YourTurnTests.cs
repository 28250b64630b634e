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
    [Fact]
    public async Task The_partner_who_has_not_answered_gets_one_nudge_in_waking_hours_and_none_the_next_night()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // 20:35 in Chicago: Ana answers, Sam does not. 90 minutes on it is 22:05, so the nudge waits for 07:00.
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await app.TextAsync(couple.A.Phone, "A walk after dinner. calm");
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(12)));
            var nudge = Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.YourTurn);
            Assert.Equal("Ana answered last night's question. Yours unlocks both answers. (Text NUDGE OFF to stop these reminders.)", nudge.Body);
            Assert.Equal(new TimeOnly(7, 0), TimeOnly.FromDateTime(ZoneTime.ToLocal(nudge.Utc, couple.B.Zone)));
            Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.YourTurn);

            // The next night the same: no nudge two nights running.
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(13)));
            await app.TextAsync(couple.A.Phone, "Leftovers. tired");
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(12)));
            Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.YourTurn);
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
