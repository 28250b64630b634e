using HappyTogether.Content.Prompts;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using static HappyTogether.Tests.Infrastructure.TimerMarks;

namespace HappyTogether.Tests.Integration;

/// <summary>What the couple says about their household, through the signed webhook: HOME sets and clears it, STATUS
/// shows it, a week in the morning asks once, and a reply made only of household words answers it.</summary>
public class HouseholdTests
{
    private static async Task<Household> HomeAsync(TestApp app, Couple couple) => (await app.Get<CoupleStore>().GetAsync(couple.Id))!.Home;

    [Fact]
    public async Task Home_sets_what_ideas_fit_for_both_shows_in_status_and_clears_with_off()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            Assert.Equal(
                "Got it: you live apart, kids at home, no spending. Ideas will fit that. Change it anytime, like HOME together, no kids.",
                (await app.TextAsync(couple.A.Phone, "HOME we live apart, 2 kids, tight budget")).Reply);
            Assert.Equal(new Household(true, true, NoSpending: true), await HomeAsync(app, couple));
            // The other partner changes one thing; the rest stays.
            await app.TextAsync(couple.B.Phone, "HOME no long walks, spending ok");
            Assert.Equal(new Household(true, true, NoSpending: false, NoLongWalks: true), await HomeAsync(app, couple));
            Assert.EndsWith("Home: you live apart, kids at home, no long walks.", (await app.TextAsync(couple.A.Phone, "STATUS")).Reply);
            Assert.Equal("Cleared: ideas for every kind of home again. Text HOME + words to set it anytime.", (await app.TextAsync(couple.B.Phone, "HOME OFF")).Reply);
            Assert.True((await HomeAsync(app, couple)).IsUnknown);
            Assert.Contains("HOME + any of", (await app.TextAsync(couple.B.Phone, "HOME")).Reply);
        }
    }

    [Theory]
    [InlineData("home late tonight with the kids, so tired")]
    [InlineData("Home")]
    [InlineData("home sweet home")]
    public async Task Home_inside_an_answer_stays_an_answer(string body)
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            await app.TextAsync(couple.A.Phone, body);
            Assert.True((await HomeAsync(app, couple)).IsUnknown);
            Assert.Equal(body, Assert.Single(await app.Get<Answers>().ReadAnswersAsync(couple.Id, new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 4))).Text);
        }
    }

    [Fact]
    public async Task A_week_in_both_are_asked_once_and_a_reply_of_household_words_answers_it()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // To Monday Jan 11, 9 am in Chicago: the seventh morning since they joined.
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), new DateTimeOffset(2027, 1, 11, 15, 0, 0, TimeSpan.Zero) - app.Clock.GetUtcNow()));
            foreach (var partner in new[] { "a", "b" })
            {
                var asked = Assert.Single(await app.ReceivedAsync(couple, partner), t => t.PromptId == PromptRotation.HomeQuestion);
                Assert.Equal(TextKind.Morning, asked.Kind);
                Assert.StartsWith("A week in! To fit ideas to your life: do you live together or apart?", asked.Body);
            }
            // Sam answers in his own words; Ana's reply is about something else and stays hers.
            Assert.Equal(
                "Got it: you live together, no kids at home. Ideas will fit that. Change it anytime, like HOME together, no kids.",
                (await app.TextAsync(couple.B.Phone, "we live together, no kids")).Reply);
            await app.TextAsync(couple.A.Phone, "together forever with Sam, happy");
            Assert.Equal(new Household(false, false), await HomeAsync(app, couple));

            // Never asked again, now or once they have said.
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(3)));
            Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.PromptId == PromptRotation.HomeQuestion);
        }
    }
}
