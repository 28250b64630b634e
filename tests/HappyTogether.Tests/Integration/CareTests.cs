using HappyTogether.Content.Recap;
using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Links;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Pages.Export;
using HappyTogether.Pages.WeekPage;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// Care through the signed webhook against Azurite: a text that signals distress gets the crisis line at once, once a
/// night, and is never passed on as a reaction; an answer that signals fear of the partner is never shown to that
/// partner (reply, reveal, nudge, reaction, recap, week page, export, STATUS) and its sender gets the hotline.
/// </summary>
public class CareTests
{
    private static readonly DateOnly Day = new(2027, 1, 4);

    private static async Task<List<ReceivedText>> ReceivedAsync(TestApp app, Couple couple, string partner)
    {
        await app.DrainQueueAsync();
        return await app.ReceivedAsync(couple, partner);
    }

    [Fact]
    public async Task A_distress_answer_gets_the_crisis_line_at_once_and_once_a_night()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        var reply = (await app.TextAsync(couple.A.Phone, "honestly i dont want to be here anymore. hopeless")).Reply!;
        Assert.Contains("call or text 988", reply);
        Assert.Contains("not a crisis service", reply);
        Assert.Equal(CareSignal.Distress, (await app.Get<Answers>().GetAnswerAsync(couple.Id, Day, "a"))!.Care);
        // The same night, a second heavy text is kept with the usual reply: the line went out already.
        Assert.Equal(ReplyTexts.NoteAfterAnswer, (await app.TextAsync(couple.A.Phone, "i just feel hopeless")).Reply);
        // Her answer is still hers to share: Sam gets it the usual way once he answers.
        Assert.Contains("Ana's answer: honestly i dont want to be here anymore. hopeless",
            (await app.TextAsync(couple.B.Phone, "The walk home. happy")).Reply);
    }

    [Fact]
    public async Task Hopeless_after_the_reveal_gets_the_crisis_line_and_is_not_passed_on_as_a_reaction()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "Cooking together, calm");
        await app.TextAsync(couple.B.Phone, "The walk home. happy");
        await app.DrainQueueAsync();

        var reply = (await app.TextAsync(couple.B.Phone, "hopeless")).Reply!;
        Assert.Contains("988", reply);
        Assert.DoesNotContain(await ReceivedAsync(app, couple, "a"), t => t.Kind == TextKind.Reaction);
        Assert.Equal("happy", (await app.Get<Answers>().GetAnswerAsync(couple.Id, Day, "b"))!.Mood);
    }

    [Fact]
    public async Task A_distress_text_in_spanish_or_from_abroad_names_the_line_that_fits()
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening.AddHours(-1),
            settings: new Dictionary<string, string?> { ["CrisisLineElsewhere"] = "Samaritans on 116 123" });
        var couple = await app.EnrollOptedInAsync(phoneB: "+447911123456");
        app.Clock.SetUtcNow(TestApp.ChicagoEvening);
        await app.Get<HappyTogether.Model.Scheduling.Scheduler>().RunAsync();
        await app.DrainQueueAsync();

        Assert.Contains("988", (await app.TextAsync(couple.A.Phone, "ya no quiero vivir")).Reply);
        var abroad = await app.TextAsync(couple.B.Phone, "I keep thinking about ending my life");
        Assert.Contains("Samaritans on 116 123", abroad.Reply);
        Assert.DoesNotContain("988", abroad.Reply);
    }

    [Fact]
    public async Task An_answer_that_signals_fear_of_the_partner_is_never_shown_to_that_partner()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        const string Fear = "he yelled again and I'm scared of him when he drinks. tired";
        var reply = (await app.TextAsync(couple.A.Phone, Fear)).Reply!;
        Assert.Contains("1-800-799-7233", reply);
        Assert.Contains("Sam won't see this", reply);
        Assert.DoesNotContain("counselor", reply);
        Assert.True((await app.Get<Answers>().GetAnswerAsync(couple.Id, Day, "a"))!.Withheld);

        // Sam answers as if he were first, and is told Ana has not answered.
        var toSam = (await app.TextAsync(couple.B.Phone, "Pizza night was fun. happy")).Reply!;
        Assert.Contains("Ana hasn't answered yet", toSam);
        // A later text from Ana stays hers, and nothing more about the night reaches Sam, the next day either.
        Assert.Equal(ReplyTexts.NoteAfterAnswer, (await app.TextAsync(couple.A.Phone, "I'm afraid of what he'll do")).Reply);
        await app.TextAsync(couple.A.Phone, "ok");
        var now = app.Clock.GetUtcNow();
        await app.RunTimerAsync(Enumerable.Range(1, 24 * 12).Select(n => now.AddMinutes(5 * n)));
        var sam = await ReceivedAsync(app, couple, "b");
        Assert.DoesNotContain(sam, t => t.Kind is TextKind.Reveal or TextKind.Reaction or TextKind.YourTurn);
        Assert.DoesNotContain(sam, t => t.Body.Contains("scared") || t.Body.Contains("Ana's answer"));
        // Nor does Ana get Sam's answer: the night is not shared either way.
        Assert.DoesNotContain(await ReceivedAsync(app, couple, "a"), t => t.Kind == TextKind.Reveal);

        // STATUS, the recap, the week page and the export show Sam an unanswered night.
        Assert.DoesNotContain("1 night", (await app.TextAsync(couple.B.Phone, "STATUS")).Reply);
        var stored = (await app.Get<CoupleStore>().GetAsync(couple.Id))!;
        var recap = await app.Get<RecapService>().ComputeAsync(stored, Day.AddDays(6));
        Assert.Equal(0, recap.NightsBoth);
        Assert.Empty(recap["a"].SharedWords);
        Assert.DoesNotContain("tired", app.Get<RecapService>().Render(stored, recap, "b"));
        var token = Http.TokenOf(app.Get<SignedLinks>().WeekUrl(couple.Id, "b", Day.AddDays(6))!);
        var page = await app.Get<WeekPages>().OpenAsync(token);
        Assert.Equal(200, page.Status);
        Assert.DoesNotContain(">tired<", page.Html);
        var export = (await app.Get<PartnerExports>().ReadAsync(couple.Id, "b"))!;
        Assert.DoesNotContain(export.Answers, t => t.Who == "Ana");
        Assert.DoesNotContain(export.Moods, m => m.Partner is not null);
        // Ana's own export keeps her words: they are hers.
        Assert.Contains((await app.Get<PartnerExports>().ReadAsync(couple.Id, "a"))!.Answers, t => t.Text == Fear);
    }

    [Fact]
    public async Task Fear_written_by_the_second_to_answer_is_not_revealed_and_a_nudge_already_held_tells_nothing()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.B.Phone, "Pizza night was fun. happy");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var reply = (await app.TextAsync(couple.A.Phone, "me da miedo mi esposo, no me deja salir")).Reply!;
        Assert.Contains("Sam won't see this", reply);
        Assert.DoesNotContain("Sam's answer", reply);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var now = app.Clock.GetUtcNow();
        await app.RunTimerAsync(Enumerable.Range(1, 12).Select(n => now.AddMinutes(5 * n)));
        Assert.DoesNotContain(await ReceivedAsync(app, couple, "b"), t => t.Kind is TextKind.Reveal or TextKind.Reaction);
        Assert.DoesNotContain(await ReceivedAsync(app, couple, "a"), t => t.Kind is TextKind.Reveal or TextKind.YourTurn);
    }

    [Fact]
    public async Task Distress_from_someone_not_yet_in_a_program_gets_the_crisis_line_too()
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        // Sam was invited and has not said YES; a stranger never texted before.
        Assert.Contains("988", (await app.TextAsync(couple.B.Phone, "i want to kill myself")).Reply);
        Assert.Contains("988", (await app.TextAsync("+13125550199", "I want to end my life")).Reply);
        // Anything else gets what it got before.
        Assert.Equal(ReplyTexts.NotYetJoined, (await app.TextAsync(couple.B.Phone, "what is this?")).Reply);
    }

    [Fact]
    public async Task The_weekly_recap_of_a_week_with_a_distress_text_names_the_crisis_line_to_its_writer_only()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "Cooking together. calm");
        await app.TextAsync(couple.A.Phone, "honestly i just want it all to end");
        await app.TextAsync(couple.B.Phone, "The walk home. happy");
        var stored = (await app.Get<CoupleStore>().GetAsync(couple.Id))!;
        var recaps = app.Get<RecapService>();
        var recap = await recaps.ComputeAsync(stored, Day.AddDays(6));
        Assert.True(recap["a"].Crisis);
        Assert.Contains("call or text 988", recaps.Render(stored, recap, "a"));
        Assert.DoesNotContain("988", recaps.Render(stored, recap, "b"));
    }
}
