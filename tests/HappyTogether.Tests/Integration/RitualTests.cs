using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using static HappyTogether.Tests.Infrastructure.TimerMarks;

namespace HappyTogether.Tests.Integration;

/// <summary>The couple's weekly times through the signed webhook and the scheduler: LISTEN and RITUAL set them, a
/// reminder comes on the day to both, the evening after the third time asks how it went, OFF ends it.</summary>
public class RitualTests
{
    private static DateOnly LocalDate(ReceivedText text, Partner partner) => ZoneTime.LocalDate(text.Utc, partner.Zone);

    [Fact]
    public async Task A_listening_date_and_a_ritual_bring_reminders_to_both_and_a_check_in_after_three_weeks()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // Monday Jan 4, 2027, evening in Chicago.
            Assert.Equal(
                "Listening date set: Sundays at 8pm, starting Jan 10. We'll remind you both that morning. LISTEN OFF to stop.",
                (await app.TextAsync(couple.A.Phone, "LISTEN sun 8pm")).Reply);
            Assert.Equal(
                "Ritual set: pizza and puzzle night, Thursdays, from Jan 7. We'll remind you both that day and check in after 3 weeks.",
                (await app.TextAsync(couple.B.Phone, "Ritual Thursday pizza and puzzle night!")).Reply);
            Assert.EndsWith("Listening date: Sundays at 8pm. Ritual: pizza and puzzle night, Thursdays.", (await app.TextAsync(couple.A.Phone, "STATUS")).Reply);

            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(15)));
            // Two weeks in, the ritual ends; the listening date goes on.
            Assert.Equal("Ritual removed. Text RITUAL + day + what to start a new one anytime.", (await app.TextAsync(couple.A.Phone, "RITUAL OFF")).Reply);
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(7)));

            foreach (var (partner, other) in new[] { (couple.A, couple.B), (couple.B, couple.A) })
            {
                var received = await app.ReceivedAsync(couple, partner.Key);
                var reminders = received.Where(t => t.Kind == TextKind.RitualReminder).ToList();
                var listening = reminders.Where(t => t.Body.StartsWith("Listening date", StringComparison.Ordinal)).Select(t => LocalDate(t, partner)).ToList();
                var ritual = reminders.Where(t => t.Body.Contains("pizza and puzzle night", StringComparison.Ordinal)).Select(t => LocalDate(t, partner)).ToList();
                Assert.Equal([new(2027, 1, 10), new(2027, 1, 17), new(2027, 1, 24)], listening);
                Assert.Equal([new(2027, 1, 7), new(2027, 1, 14)], ritual);
                Assert.Equal(listening.Count + ritual.Count, reminders.Count);
                Assert.Contains($"Listening date with {other.Name} today at 8pm! Get comfy, in person or on the phone, and enjoy some unhurried talk.", reminders.Select(t => t.Body));
                Assert.Contains($"Today's the day: pizza and puzzle night with {other.Name}. Have fun!", reminders.Select(t => t.Body));
                // After the morning idea, inside waking hours.
                Assert.All(reminders, t => Assert.Equal(new TimeOnly(8, 30), TimeOnly.FromDateTime(ZoneTime.ToLocal(t.Utc, partner.Zone))));

                // The evening after the third listening date asks how it went; the ritual, ended after two, never does.
                var checkIns = received.Where(t => t.Kind == TextKind.Evening && app.Get<PromptCatalog>().Find(t.PromptId!)?.Special is { } special
                    && special.StartsWith("checkin", StringComparison.Ordinal)).ToList();
                var checkIn = Assert.Single(checkIns);
                Assert.Equal(new DateOnly(2027, 1, 25), LocalDate(checkIn, partner));
                Assert.Equal(Specials.ListeningCheckIn, app.Get<PromptCatalog>().Find(checkIn.PromptId!)!.Special);
                Assert.Contains("move it", checkIn.Body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_listening_date_and_a_ritual_on_one_day_each_send_their_own_reminder_once()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            await app.TextAsync(couple.A.Phone, "LISTEN thu 8pm");
            await app.TextAsync(couple.B.Phone, "RITUAL thu board games");
            // Texted twice: still one reminder each.
            await app.TextAsync(couple.B.Phone, "RITUAL thu board games");
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(4)));
            foreach (var partner in couple.Partners)
            {
                var reminders = (await app.ReceivedAsync(couple, partner.Key)).Where(t => t.Kind == TextKind.RitualReminder).ToList();
                Assert.Equal(2, reminders.Count);
                Assert.All(reminders, t => Assert.Equal(new DateOnly(2027, 1, 7), LocalDate(t, partner)));
                Assert.Single(reminders, t => t.Body.Contains("board games", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData("listen to the rain, calm")]
    [InlineData("Ritual")]
    [InlineData("listen")]
    [InlineData("Listen, I had the best day")]
    public async Task Listen_and_ritual_inside_an_answer_stay_an_answer(string body)
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            await app.TextAsync(couple.A.Phone, body);
            var stored = (await app.Get<CoupleStore>().GetAsync(couple.Id))!;
            Assert.Null(stored.ListeningDate);
            Assert.Null(stored.Ritual);
            var answer = Assert.Single(await app.Get<HappyTogether.Model.History.Answers>().ReadAnswersAsync(couple.Id, new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 4)));
            Assert.Equal(body, answer.Text);
        }
    }

    [Theory]
    [InlineData("LISTEN")]
    [InlineData("LISTEN sun 3am")]
    [InlineData("RITUAL")]
    [InlineData("RITUAL fri")]
    public async Task A_weekly_time_that_cannot_be_read_gets_the_example_and_stores_nothing(string body)
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            var reply = (await app.TextAsync(couple.A.Phone, body)).Reply;
            Assert.Contains(body.StartsWith("LISTEN", StringComparison.Ordinal) ? "LISTEN sun 8pm" : "RITUAL thu pizza and puzzle night", reply);
            var stored = (await app.Get<CoupleStore>().GetAsync(couple.Id))!;
            Assert.Null(stored.ListeningDate);
            Assert.Null(stored.Ritual);
            Assert.Empty(await app.Get<HappyTogether.Model.History.Answers>().ReadAnswersAsync(couple.Id, new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 4)));
        }
    }
}
