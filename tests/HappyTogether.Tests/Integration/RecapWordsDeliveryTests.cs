using HappyTogether.Foundation.Text;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using Xunit.Abstractions;
using static HappyTogether.Tests.Infrastructure.TimerMarks;

namespace HappyTogether.Tests.Integration;

/// <summary>A strong week texted in through the signed webhook, and both recaps as the fake Twilio API received
/// them.</summary>
public sealed class RecapWordsDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FakeTwilioApi twilio = null!;

    public async Task InitializeAsync() => twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await twilio.DisposeAsync();

    [Fact]
    public async Task Both_answer_six_nights_with_six_words_each_and_both_recaps_name_both_partners_words()
    {
        // Monday 2027-01-04, 07:00 in Chicago.
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 13, 0, 0, TimeSpan.Zero), twilio);
        var couple = await app.EnrollAsync(nameB: "Alexandra");
        await app.DrainQueueAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Joined.BothAsync(app.Get<CoupleStore>(), app.Get<ConsentService>(), couple, "test:YES");
        await app.DrainQueueAsync();

        string[] ana = ["calm", "happy", "tired", "proud", "grateful", "relaxed"];
        string[] alexandra = ["joyful", "calm", "proud", "excited", "cheerful", "hopeful"];
        for (var night = 0; night < 6; night++)
        {
            // 20:30 in Chicago, Monday to Saturday: the evening question; both answer a few minutes later.
            var question = new DateTimeOffset(2027, 1, 5 + night, 2, 30, 0, TimeSpan.Zero);
            await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), question.AddMinutes(5) - app.Clock.GetUtcNow()));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(200, (await app.TextAsync(couple.A.Phone, $"A quiet dinner and a walk. {ana[night]}")).Status);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(200, (await app.TextAsync(couple.B.Phone, $"Talking on the porch. {alexandra[night]}")).Status);
        }
        // Each answer was stored with its mood word, read from the text.
        var stored = await app.Get<Answers>().ReadAnswersAsync(couple.Id, new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 9));
        Assert.Equal(ana.Concat(alexandra).Order(), stored.Select(a => a.Mood!).Order());
        // Sunday 19:00 in Chicago (01:00 UTC on Monday): the recaps.
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), new DateTimeOffset(2027, 1, 11, 1, 30, 0, TimeSpan.Zero) - app.Clock.GetUtcNow()));

        var sent = await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, new DateOnly(2027, 1, 10), new DateOnly(2027, 1, 10));
        foreach (var (partner, own, other, theirs) in new[] { (couple.A, ana, "Alexandra", alexandra), (couple.B, alexandra, "Ana", ana) })
        {
            var sid = Assert.Single(sent, r => r.Kind == TextKind.Recap && r.Partner == partner.Key).Sid;
            var recap = Assert.Single(twilio.To(partner.Phone), m => m.Sid == sid).Body;
            output.WriteLine($"To {partner.Name} ({Gsm7.Septets(recap)} septets): {recap}");
            Assert.StartsWith("You both answered 6 nights this week", recap);
            // Six different words: each came once, so the first three nights' words lead.
            Assert.Contains($"You: {string.Join(", ", own.Take(3))}", recap);
            Assert.Contains($"{other}: {string.Join(", ", theirs.Take(3))}", recap);
            Assert.StartsWith(Sms.PublicBaseUrl + "/api/w?", recap[(recap.LastIndexOf(' ') + 1)..]);
            Assert.True(Gsm7.Septets(recap) <= 306, recap);
        }
    }
}
