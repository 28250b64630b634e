using HappyTogether.Content.Prompts;
using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using static HappyTogether.Tests.Infrastructure.TimerMarks;

namespace HappyTogether.Tests.Integration;

/// <summary>Occasions through the webhook and the scheduler: DATE stores them, a heads-up comes five days before, the
/// day's texts fit them.</summary>
public class OccasionTests
{
    private static readonly DateOnly Monday = new(2027, 1, 4);

    private static string? SpecialOf(TestApp app, ReceivedText text) => app.Get<PromptCatalog>().Find(text.PromptId!)!.Special;

    [Fact]
    public async Task An_anniversary_and_a_birthday_bring_a_heads_up_to_the_other_partner_and_texts_that_fit_the_day()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            var (_, saved) = await app.TextAsync(couple.A.Phone, "DATE anniversary 01-14");
            Assert.Equal(ReplyTexts.DateSaved(Occasion.Anniversary, new MonthDay(1, 14), couple.A, couple.B), saved);
            Assert.Equal(ReplyTexts.DateSaved(Occasion.Birthday, new MonthDay(1, 12), couple.B, couple.A), (await app.TextAsync(couple.B.Phone, "DATE birthday Jan 12th")).Reply);
            Assert.Equal("Your dates: anniversary Jan 14, your birthday Jan 12. Text DATE anniversary OFF to remove one.", (await app.TextAsync(couple.B.Phone, "DATES")).Reply);
            Assert.Equal("Your dates: anniversary Jan 14, Sam's birthday Jan 12. Text DATE anniversary OFF to remove one.", (await app.TextAsync(couple.A.Phone, "DATES")).Reply);

            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(11)));
            var toAna = await app.ReceivedAsync(couple, "a");
            var toSam = await app.ReceivedAsync(couple, "b");

            // Heads-ups: Ana, for Sam's birthday on the 7th; Sam, for the anniversary Ana stored, on the 9th; each
            // once, after the morning idea.
            var anaHeadsUp = Assert.Single(toAna, t => t.Kind == TextKind.HeadsUp);
            Assert.Equal("Heads-up: Sam's birthday is Tue, Jan 12, 5 days from now. Time to plan a little something?", anaHeadsUp.Body);
            Assert.Equal(new DateTime(2027, 1, 7, 8, 30, 0), ZoneTime.ToLocal(anaHeadsUp.Utc, couple.A.Zone));
            var samHeadsUp = Assert.Single(toSam, t => t.Kind == TextKind.HeadsUp);
            Assert.Equal("Heads-up: your anniversary with Ana is Thu, Jan 14, 5 days from now. Time to plan a little something?", samHeadsUp.Body);
            Assert.Equal(new DateOnly(2027, 1, 9), ZoneTime.LocalDate(samHeadsUp.Utc, couple.B.Zone));

            ReceivedText On(List<ReceivedText> texts, string kind, int day) => texts.Single(t => t.Kind == kind && ZoneTime.LocalDate(t.Utc, couple.A.Zone) == new DateOnly(2027, 1, day));
            // Sam's birthday: his texts are about his day, Ana's about him.
            Assert.Equal(Specials.OwnBirthday, SpecialOf(app, On(toSam, TextKind.Morning, 12)));
            Assert.Equal(Specials.OwnBirthday, SpecialOf(app, On(toSam, TextKind.Evening, 12)));
            Assert.Equal(Specials.Birthday, SpecialOf(app, On(toAna, TextKind.Morning, 12)));
            Assert.Equal(Specials.Birthday, SpecialOf(app, On(toAna, TextKind.Evening, 12)));
            // The anniversary: the same idea and question for both.
            Assert.Equal(Specials.Anniversary, SpecialOf(app, On(toAna, TextKind.Morning, 14)));
            Assert.Equal(On(toAna, TextKind.Morning, 14).PromptId, On(toSam, TextKind.Morning, 14).PromptId);
            Assert.Equal(Specials.Anniversary, SpecialOf(app, On(toSam, TextKind.Evening, 14)));
            Assert.Equal(On(toAna, TextKind.Evening, 14).PromptId, On(toSam, TextKind.Evening, 14).PromptId);
            // Other days: the everyday rotation.
            Assert.Null(SpecialOf(app, On(toAna, TextKind.Evening, 13)));
            Assert.Null(SpecialOf(app, On(toSam, TextKind.Morning, 10)));
            // A week in, the morning asks about the household instead (nobody said yet).
            Assert.Equal(PromptRotation.HomeQuestion, On(toSam, TextKind.Morning, 11).PromptId);
            Assert.All(toAna.Concat(toSam).Where(t => t.Kind == TextKind.HeadsUp), t => Assert.True(HappyTogether.Foundation.Text.Gsm7.Septets(t.Body) <= 160));
        }
    }

    [Fact]
    public async Task A_date_removed_or_moved_before_its_heads_up_sends_none_for_the_old_day()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            await app.TextAsync(couple.A.Phone, "DATE birthday 1/12");
            Assert.Equal(ReplyTexts.DateRemoved(Occasion.Birthday), (await app.TextAsync(couple.A.Phone, "DATE birthday OFF")).Reply);
            await app.TextAsync(couple.A.Phone, "DATE anniversary 01-13");
            await app.TextAsync(couple.A.Phone, "DATE anniversary 01-15");
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(11)));
            var headsUps = (await app.ReceivedAsync(couple, "b")).Where(t => t.Kind == TextKind.HeadsUp).ToList();
            var only = Assert.Single(headsUps);
            Assert.Contains("Fri, Jan 15", only.Body);
            Assert.Equal("Your dates: anniversary Jan 15. Text DATE anniversary OFF to remove one.", (await app.TextAsync(couple.B.Phone, "DATES")).Reply);
        }
    }

    [Theory]
    [InlineData("DATE birthday 13-45")]
    [InlineData("DATE anniversary")]
    [InlineData("DATE birthday Smarch 3")]
    public async Task A_date_that_cannot_be_read_gets_the_example_and_stores_nothing(string body)
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            Assert.Equal(ReplyTexts.DateExample, (await app.TextAsync(couple.A.Phone, body)).Reply);
            var stored = (await app.Get<CoupleStore>().GetAsync(couple.Id))!;
            Assert.Null(stored.Anniversary);
            Assert.Null(stored.A.Birthday);
            // "Date night was lovely" is tonight's answer.
            Assert.StartsWith("Got it", (await app.TextAsync(couple.A.Phone, "Date night was lovely. happy")).Reply);
        }
    }
}
