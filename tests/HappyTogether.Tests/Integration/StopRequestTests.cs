using HappyTogether.Entry.Inbound;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>Requests to stop in a partner's own words, sent where an answer is expected, through the signed webhook
/// against Azurite.</summary>
public class StopRequestTests
{
    // Monday 2027-01-04, 20:30 in Chicago: the evening question has just gone out.
    private static readonly DateTimeOffset Evening = TestApp.ChicagoEvening;
    private static readonly DateOnly Day = new(2027, 1, 4);

    private static Task<(TestApp App, Couple Couple)> AfterQuestionAsync() => TestApp.AfterEveningQuestionAsync();

    [Theory]
    [InlineData("stop please")]
    [InlineData("Please stop texting me")]
    [InlineData("opt me out")]
    [InlineData("opt out")]
    [InlineData("unsubscribe me")]
    [InlineData("No more texts!")]
    [InlineData("Stop. Stop.")]
    [InlineData("can you stop sending me these")]
    [InlineData("take me off your list")]
    [InlineData("I want to unsubscribe")]
    [InlineData("don't text me anymore")]
    [InlineData("ｓｔｏｐ ｐｌｅａｓｅ")]
    [InlineData("cancel my subscription")]
    public async Task A_request_to_stop_in_own_words_opts_out_at_once_and_is_never_stored_or_shared(string text)
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        // The program's own texts say "opt out"; the partner's words add no row.
        var mentioned = await app.RowsMentioningAsync(text);
        Assert.Equal(ReplyTexts.OptedOut, (await app.TextAsync(couple.A.Phone, text)).Reply);
        Assert.Equal(ConsentState.OptedOut, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
        Assert.Null(await app.Get<Answers>().GetAnswerAsync(couple.Id, Day, "a"));
        Assert.Equal(mentioned, await app.RowsMentioningAsync(text));

        // Sam answers: no reveal of anything Ana wrote, only the notice that answers are no longer shared.
        await app.TextAsync(couple.B.Phone, "calm");
        await app.DrainQueueAsync();
        var toSam = await app.ReceivedAsync(couple, "b");
        Assert.DoesNotContain(toSam, t => t.Kind == TextKind.Reveal);
        Assert.Contains(toSam, t => t.Body == ProgramTexts.RevealsOff);
        // Nothing more to Ana: not even a reply to her next text.
        Assert.Null((await app.TextAsync(couple.A.Phone, "hello?")).Reply);
    }

    [Theory]
    [InlineData("please stop texting me, I never signed up for this")]
    [InlineData("how do I unsubscribe from all of this, it's a lot")]
    public async Task A_longer_text_about_stopping_is_asked_once_to_reply_stop_and_kept_private(string text)
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        Assert.Equal(ReplyTexts.ReplyStopToStop, (await app.TextAsync(couple.A.Phone, text)).Reply);
        Assert.Equal(ConsentState.OptedIn, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
        Assert.Null(await app.Get<Answers>().GetAnswerAsync(couple.Id, Day, "a"));
        await app.TextAsync(couple.B.Phone, "calm");
        await app.DrainQueueAsync();
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Reveal);
    }

    [Theory]
    [InlineData("please stop")]
    [InlineData("no more texts")]
    public async Task An_invited_partner_can_stop_in_own_words(string text)
    {
        await using var app = await TestApp.StartAsync(Evening);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        Assert.Equal(ReplyTexts.OptedOut, (await app.TextAsync(couple.A.Phone, text)).Reply);
        Assert.Equal(ConsentState.OptedOut, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
    }
}
