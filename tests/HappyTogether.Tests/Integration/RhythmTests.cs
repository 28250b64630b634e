using HappyTogether.Content.Prompts;
using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using static HappyTogether.Tests.Infrastructure.TimerMarks;

namespace HappyTogether.Tests.Integration;

/// <summary>The couple's rhythm through the webhook and the scheduler: a chosen cadence, the weekly appreciation night,
/// the one offer after quiet nights.</summary>
public class RhythmTests
{
    private static readonly DateOnly Monday = new(2027, 1, 4);

    private static async Task<List<DateOnly>> DatesOfAsync(TestApp app, Couple couple, string partner, string kind) =>
        (await app.ReceivedAsync(couple, partner)).Where(t => t.Kind == kind).Select(t => ZoneTime.LocalDate(t.Utc, couple[partner].Zone)).ToList();

    [Fact]
    public async Task Every_other_day_then_weekdays_then_daily_set_which_days_have_texts_for_both_and_the_other_partner_is_told()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // Monday 20:31 in Chicago: Ana chooses every other day, counted from today.
            var (_, reply) = await app.TextAsync(couple.A.Phone, "EVERY 2");
            Assert.Equal(ReplyTexts.CadenceSet(Cadence.EveryOtherDay, couple.B), reply);
            await app.DrainQueueAsync();
            var notice = Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.CadenceChanged);
            Assert.Equal("Ana set your HappyTogether texts to come every other day, for you both. Text DAILY, WEEKDAYS or EVERY 2 to change it.", notice.Body);
            Assert.True(HappyTogether.Foundation.Text.Gsm7.Septets(notice.Body) <= 160);
            Assert.Equal(ReplyTexts.CadenceSet(Cadence.EveryOtherDay, couple.B), (await app.TextAsync(couple.A.Phone, "every other day")).Reply);
            Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.CadenceChanged);

            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(7)));
            var everyOther = Enumerable.Range(1, 7).Select(d => Monday.AddDays(d)).Where(d => (d.DayNumber - Monday.DayNumber) % 2 == 0).ToList();
            foreach (var partner in new[] { "a", "b" })
            {
                Assert.Equal(everyOther, (await DatesOfAsync(app, couple, partner, TextKind.Morning)).Where(d => d > Monday));
                Assert.Equal(everyOther, (await DatesOfAsync(app, couple, partner, TextKind.Evening)).Where(d => d > Monday));
            }
            Assert.StartsWith("Texts every other day:", (await app.TextAsync(couple.B.Phone, "STATUS")).Reply);
            // The weekly recap keeps its own day.
            Assert.Single(await DatesOfAsync(app, couple, "a", TextKind.Recap));

            // Monday 11th, 20:31: Sam goes to weekdays; the second week has texts Monday to Friday only.
            Assert.Equal(ReplyTexts.CadenceSet(Cadence.Weekdays, couple.A), (await app.TextAsync(couple.B.Phone, "WEEKDAYS")).Reply);
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(7)));
            var secondWeek = (await DatesOfAsync(app, couple, "a", TextKind.Evening)).Where(d => d > Monday.AddDays(7)).ToList();
            // Tuesday to Friday, then Monday again: no weekend.
            Assert.Equal(new[] { 8, 9, 10, 11, 14 }.Select(d => Monday.AddDays(d)), secondWeek);
            Assert.StartsWith("Texts on weekdays:", (await app.TextAsync(couple.A.Phone, "STATUS")).Reply);

            Assert.Equal(ReplyTexts.CadenceSet(Cadence.Daily, couple.B), (await app.TextAsync(couple.A.Phone, "daily")).Reply);
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(3)));
            Assert.Equal(Enumerable.Range(15, 3).Select(d => Monday.AddDays(d)), (await DatesOfAsync(app, couple, "b", TextKind.Evening)).Where(d => d > Monday.AddDays(14)));
            // Sam was told of the first and the last change; the second was his own.
            Assert.Equal(2, (await app.ReceivedAsync(couple, "b")).Count(t => t.Kind == TextKind.CadenceChanged));
        }
    }

    [Fact]
    public async Task Three_cadence_changes_in_a_row_tell_the_other_partner_once_that_day()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // Monday 20:31 in Chicago, Sam awake: each change is applied, and only the first is told.
            foreach (var (text, cadence) in new[] { ("EVERY 2", Cadence.EveryOtherDay), ("WEEKDAYS", Cadence.Weekdays), ("DAILY", Cadence.Daily) })
            {
                app.Clock.Advance(TimeSpan.FromMinutes(1));
                Assert.Equal(ReplyTexts.CadenceSet(cadence, couple.B), (await app.TextAsync(couple.A.Phone, text)).Reply);
                await app.DrainQueueAsync();
                Assert.Equal(cadence, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.Cadence);
            }
            var notice = Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.CadenceChanged);
            Assert.Contains("every other day", notice.Body);
            Assert.StartsWith("Texts every day:", (await app.TextAsync(couple.B.Phone, "STATUS")).Reply);

            // Tuesday: a new day, a new notice.
            app.Clock.Advance(TimeSpan.FromDays(1));
            await app.TextAsync(couple.A.Phone, "WEEKDAYS");
            await app.DrainQueueAsync();
            Assert.Equal(2, (await app.ReceivedAsync(couple, "b")).Count(t => t.Kind == TextKind.CadenceChanged));
        }
    }

    [Fact]
    public async Task Cadence_changes_at_night_are_told_once_in_the_morning_with_the_latest_cadence()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // Monday 22:00 in Chicago: Sam is asleep, so the notice waits for 07:00 and is worded then.
            app.Clock.SetUtcNow(TestApp.ChicagoEvening.AddMinutes(90));
            foreach (var text in new[] { "EVERY 2", "DAILY", "WEEKDAYS" })
            {
                app.Clock.Advance(TimeSpan.FromMinutes(1));
                await app.TextAsync(couple.A.Phone, text);
                await app.DrainQueueAsync();
            }
            Assert.DoesNotContain(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.CadenceChanged);
            // Tuesday 07:00 to 10:00: one notice, naming weekdays; a change later that morning sends nothing more.
            var morning = new DateTimeOffset(2027, 1, 5, 13, 0, 0, TimeSpan.Zero);
            await app.RunTimerAsync(Enumerable.Range(0, 24).Select(n => morning.AddMinutes(5 * n)));
            await app.TextAsync(couple.A.Phone, "EVERY 2");
            await app.RunTimerAsync(Enumerable.Range(25, 12).Select(n => morning.AddMinutes(5 * n)));
            var notice = Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.CadenceChanged);
            Assert.Contains("on weekdays", notice.Body);
            Assert.Equal(Cadence.EveryOtherDay, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.Cadence);
        }
    }

    [Fact]
    public async Task Thursday_asks_what_each_appreciated_and_the_recap_says_both_shared_one_without_quoting_it()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            var catalog = app.Get<PromptCatalog>();
            // Monday to Wednesday: everyday questions. Thursday: the appreciation question, to both.
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(5))));
            var thursday = Monday.AddDays(3);
            foreach (var partner in new[] { "a", "b" })
            {
                var evenings = (await app.ReceivedAsync(couple, partner)).Where(t => t.Kind == TextKind.Evening).ToList();
                Assert.Equal(4, evenings.Count);
                Assert.All(evenings[..3], e => Assert.Null(catalog.Find(e.PromptId!)!.Special));
                Assert.Equal(Specials.Appreciation, catalog.Find(evenings[3].PromptId!)!.Special);
                Assert.Equal(thursday, ZoneTime.LocalDate(evenings[3].Utc, couple.A.Zone));
            }
            Assert.Equal(
                (await app.ReceivedAsync(couple, "a")).Last(t => t.Kind == TextKind.Evening).PromptId,
                (await app.ReceivedAsync(couple, "b")).Last(t => t.Kind == TextKind.Evening).PromptId);

            await app.TextAsync(couple.A.Phone, "How you carried the groceries up in the rain. grateful");
            await app.TextAsync(couple.B.Phone, "The note you left on my laptop. happy");
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(3)));
            foreach (var partner in new[] { "a", "b" })
            {
                var recap = Assert.Single(await app.ReceivedAsync(couple, partner), t => t.Kind == TextKind.Recap);
                Assert.Contains("You both shared an appreciation this week.", recap.Body);
                Assert.DoesNotContain("groceries", recap.Body);
                Assert.DoesNotContain("laptop", recap.Body);
            }

            // THANKS fri moves it; the next Thursday is an everyday question, Friday the appreciation one.
            Assert.Equal(ReplyTexts.Thanks(DayOfWeek.Friday), (await app.TextAsync(couple.B.Phone, "THANKS fri")).Reply);
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(5)));
            var next = (await app.ReceivedAsync(couple, "a")).Where(t => t.Kind == TextKind.Evening).ToDictionary(t => ZoneTime.LocalDate(t.Utc, couple.A.Zone), t => catalog.Find(t.PromptId!)!.Special);
            Assert.Null(next[thursday.AddDays(7)]);
            Assert.Equal(Specials.Appreciation, next[thursday.AddDays(8)]);
            Assert.Equal(ReplyTexts.Thanks(null), (await app.TextAsync(couple.A.Phone, "THANKS OFF")).Reply);
            Assert.Null((await app.Get<CoupleStore>().GetAsync(couple.Id))!.AppreciationDay);
            // "Thanks love" is an answer, not a setting.
            Assert.Equal(Keyword.None, Keywords.Parse("Thanks love").Keyword);
        }
    }

    [Fact]
    public async Task After_five_unanswered_nights_the_next_question_offers_every_other_day_once_and_never_switches_by_itself()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // Ana answers every night; Sam, who opted in before Monday's question, answers none.
            for (var night = 0; night < 9; night++)
            {
                app.Clock.Advance(TimeSpan.FromMinutes(10));
                await app.TextAsync(couple.A.Phone, $"Night {night} was fine. calm");
                await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(1).Subtract(TimeSpan.FromMinutes(10))));
            }
            var evenings = (await app.ReceivedAsync(couple, "b")).Where(t => t.Kind == TextKind.Evening).ToList();
            var offers = evenings.Where(t => t.Body.EndsWith(PromptRotation.CadenceOfferSuffix, StringComparison.Ordinal)).ToList();
            var offer = Assert.Single(offers);
            // Tuesday to Saturday went unanswered (Monday's question came on the day he opted in): Sunday's offers.
            Assert.Equal(Monday.AddDays(6), ZoneTime.LocalDate(offer.Utc, couple.B.Zone));
            Assert.True(HappyTogether.Foundation.Text.Gsm7.Septets(offer.Body) <= 160, offer.Body);
            Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Body.Contains("EVERY 2", StringComparison.Ordinal) && t.Kind == TextKind.Evening);
            var stored = (await app.Get<CoupleStore>().GetAsync(couple.Id))!;
            Assert.Equal(Cadence.Daily, stored.Cadence);
            Assert.Equal(Monday.AddDays(6), stored.B.CadenceOfferedOn);
            Assert.Equal(10, evenings.Count);
        }
    }
}
