using HappyTogether.Entry.Inbound;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Suppression;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// Stops in Spanish and French, and Twilio's OptOutType, through the signed webhook against Azurite:
/// a stop is never relayed as a reaction or revealed; look-alike sentences stay answers.
/// </summary>
public class StopRequestLanguageTests
{
    private static readonly DateOnly Day = new(2027, 1, 4);

    /// <summary>Both partners answered tonight's question, so a short text from either would be passed on as a
    /// reaction.</summary>
    private static async Task<(TestApp App, Couple Couple)> AfterBothAnsweredAsync()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await app.TextAsync(couple.A.Phone, "Cocinamos juntos, feliz");
        await app.TextAsync(couple.B.Phone, "The walk home. happy");
        await app.DrainQueueAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return (app, couple);
    }

    /// <summary>The scheduler through the rest of tonight and all of tomorrow in Chicago.</summary>
    private static Task RunThroughTomorrowAsync(TestApp app)
    {
        var from = app.Clock.GetUtcNow();
        return app.RunTimerAsync(Enumerable.Range(1, 12 * 30).Select(n => from.AddMinutes(5 * n)));
    }

    /// <summary>After <paramref name="stoppedAt"/>: nothing more to Ana; Sam keeps his own texts, hears that answers
    /// are no longer shared, and never reads what she wrote.</summary>
    private static async Task AssertStoppedAndNotRelayedAsync(TestApp app, Couple couple, DateTimeOffset stoppedAt, string text)
    {
        Assert.Equal(ConsentState.OptedOut, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
        Assert.Null(await app.Get<Answers>().GetReactionAsync(couple.Id, Day, "a"));
        await app.DrainQueueAsync();
        await RunThroughTomorrowAsync(app);
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Utc >= stoppedAt);
        var toSam = (await app.ReceivedAsync(couple, "b")).Where(t => t.Utc >= stoppedAt).ToList();
        Assert.DoesNotContain(toSam, t => t.Kind is TextKind.Reaction or TextKind.Reveal);
        Assert.DoesNotContain(toSam, t => t.Body.Contains(text, StringComparison.Ordinal));
        Assert.Equal(ProgramTexts.RevealsOff, toSam.First().Body);
        Assert.Contains(toSam, t => t.Kind == TextKind.Morning);
        Assert.Null((await app.TextAsync(couple.A.Phone, "hola?")).Reply);
    }

    // Twilio's own list is English: it lets these through, so the one confirmation comes from the app.
    [Theory]
    [InlineData("ALTO")]
    [InlineData("Basta!")]
    [InlineData("ARRET")]
    [InlineData("Arrêt")]
    [InlineData("no más mensajes")]
    [InlineData("dame de baja")]
    [InlineData("Arrêtez de m'envoyer des messages")]
    public async Task A_stop_after_answering_opts_out_and_is_never_a_reaction(string text)
    {
        var (app, couple) = await AfterBothAnsweredAsync();
        await using var _ = app;
        var mentioned = await app.RowsMentioningAsync(text);
        var stoppedAt = app.Clock.GetUtcNow();

        Assert.Equal((200, ReplyTexts.OptedOut), await app.TextAsync(couple.A.Phone, text));
        Assert.Equal(mentioned, await app.RowsMentioningAsync(text));
        await AssertStoppedAndNotRelayedAsync(app, couple, stoppedAt, text);
    }

    [Fact]
    public async Task Opt_out_type_stop_opts_out_whatever_the_body_says_without_a_second_confirmation()
    {
        var (app, couple) = await AfterBothAnsweredAsync();
        await using var _ = app;
        var mentioned = await app.RowsMentioningAsync("Hola");
        var stoppedAt = app.Clock.GetUtcNow();

        // Twilio classified "Hola" as a stop (a word the operator added to Advanced Opt-Out) and answered it itself.
        Assert.Equal((200, null), await app.TextAsync(couple.A.Phone, "Hola", optOutType: "STOP"));
        Assert.Equal(mentioned, await app.RowsMentioningAsync("Hola"));
        await AssertStoppedAndNotRelayedAsync(app, couple, stoppedAt, "Hola");

        // START brings her back, whatever the body.
        Assert.Equal((200, null), await app.TextAsync(couple.A.Phone, "Hola", optOutType: "START"));
        Assert.Equal(ConsentState.OptedIn, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
    }

    [Fact]
    public async Task Opt_out_type_help_is_help_even_for_a_stop_word_and_twilio_alone_answers_it()
    {
        var (app, couple) = await AfterBothAnsweredAsync();
        await using var _ = app;
        // Twilio's Advanced Opt-Out answered it with the Messaging Service's help text: no second reply (docs/TWILIO.md).
        Assert.Equal((200, null), await app.TextAsync(couple.A.Phone, "ALTO", optOutType: "HELP"));
        Assert.Equal(ConsentState.OptedIn, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
        await app.DrainQueueAsync();
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Reaction);
    }

    [Theory]
    [InlineData("Hola", "STOP")]
    [InlineData("ALTO", null)]
    [InlineData("no más mensajes", null)]
    public async Task A_stranger_who_stops_in_any_language_is_suppressed(string text, string? optOutType)
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening);
        const string stranger = "+13125550177";
        var (_, reply) = await app.TextAsync(stranger, text, optOutType: optOutType);
        Assert.Equal(optOutType is null ? ReplyTexts.OptedOut : null, reply);
        Assert.True(await app.Get<SuppressionList>().ContainsAsync(stranger));
    }

    [Fact]
    public async Task A_longer_spanish_text_about_stopping_is_asked_once_and_kept_private()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        const string text = "por favor ya no quiero más mensajes, nunca me inscribí a esto";
        Assert.Equal(ReplyTexts.ReplyStopToStop, (await app.TextAsync(couple.A.Phone, text)).Reply);
        Assert.Equal(ConsentState.OptedIn, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
        Assert.Null(await app.Get<Answers>().GetAnswerAsync(couple.Id, Day, "a"));
        await app.TextAsync(couple.B.Phone, "calm");
        await app.DrainQueueAsync();
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "b"), t => t.Body.Contains("inscrib", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Alto el fuego en casa, tranquila", "Es muy alto")]
    [InlineData("Basta de trabajo, hoy cenamos juntos feliz", "Paramos en la playa")]
    [InlineData("Arrête de me faire rire", "On s'est arrêtés au parc")]
    public async Task A_look_alike_sentence_stays_an_answer_and_is_revealed(string answer, string reaction)
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        Assert.NotNull((await app.TextAsync(couple.A.Phone, answer)).Reply);
        // Sam, second to answer, reads Ana's answer in the reply to his own.
        Assert.Contains(answer, (await app.TextAsync(couple.B.Phone, "The walk home. happy")).Reply);
        Assert.Equal(answer, (await app.Get<Answers>().GetAnswerAsync(couple.Id, Day, "a"))!.Text);

        // A short look-alike after the reveal is a reaction, passed on to Sam.
        Assert.Equal((200, null), await app.TextAsync(couple.A.Phone, reaction));
        await app.DrainQueueAsync();
        Assert.Contains(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Reaction && t.Body == $"Ana: {reaction}");
        Assert.Equal(ConsentState.OptedIn, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
    }
}
