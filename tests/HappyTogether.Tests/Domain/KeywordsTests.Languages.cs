using HappyTogether.Entry.Inbound;

namespace HappyTogether.Tests.Domain;

/// <summary>Stop words and requests in Spanish and French (Canada), their look-alikes, and Twilio's
/// OptOutType.</summary>
public partial class KeywordsTests
{
    private static readonly string[] SpanishFrenchStopWords = ["ALTO", "PARAR", "CANCELAR", "BASTA", "BAJA", "ARRET", "ARRÊT", "ARRÊTER", "ARRETE", "ARRETT"];

    public static TheoryData<string> SpanishFrenchStopVariants => Variants(SpanishFrenchStopWords);

    // Twilio's own list is English: it neither answers these nor opts the number out, so the app confirms.
    [Theory]
    [MemberData(nameof(SpanishFrenchStopVariants))]
    [InlineData("ＡＬＴＯ")]
    [InlineData("ａｒｒêｔ")]
    [InlineData("Álto")]
    [InlineData("¡Basta!")]
    [InlineData("A.L.T.O.")]
    [InlineData("Arrêt !")]
    [InlineData("  Arrêter  ")]
    public void A_lone_spanish_or_french_stop_word_in_any_form_opts_out_with_a_confirmation(string body)
    {
        Assert.Equal(new Command(Keyword.OptOut, InOwnWords: true), Keywords.Parse(body));
    }

    [Theory]
    [InlineData("no más mensajes")]
    [InlineData("No mas mensajes por favor")]
    [InlineData("ya no quiero mensajes")]
    [InlineData("Ya no quiero recibir más mensajes")]
    [InlineData("no me manden más")]
    [InlineData("No me manden más mensajes, gracias")]
    [InlineData("Déjenme en paz")]
    [InlineData("dame de baja")]
    [InlineData("Quiero darme de baja")]
    [InlineData("alto por favor")]
    [InlineData("Ya basta")]
    [InlineData("cancelar suscripción")]
    [InlineData("quítenme de la lista")]
    [InlineData("stop por favor")]
    [InlineData("ｎｏ ｍáｓ ｍｅｎｓａｊｅｓ")]
    public void A_short_spanish_request_to_stop_opts_out(string body)
    {
        Assert.Equal(new Command(Keyword.OptOut, InOwnWords: true), Keywords.Parse(body));
    }

    [Theory]
    [InlineData("arrêtez les messages")]
    [InlineData("Arrête")]
    [InlineData("Arrête svp")]
    [InlineData("Arrêtez de m'envoyer des messages")]
    [InlineData("Je veux me désabonner")]
    [InlineData("désinscrire")]
    [InlineData("Désabonnez-moi s'il vous plaît")]
    [InlineData("Plus de messages svp")]
    [InlineData("Ne m’écrivez plus")]
    [InlineData("Laissez-moi tranquille")]
    [InlineData("Je ne veux plus recevoir de textos")]
    [InlineData("Ne m'envoyez pas de messages")]
    [InlineData("Pas de textos svp")]
    public void A_short_french_request_to_stop_opts_out(string body)
    {
        Assert.Equal(new Command(Keyword.OptOut, InOwnWords: true), Keywords.Parse(body));
    }

    [Theory]
    [InlineData("por favor ya no quiero más mensajes, nunca me inscribí a esto")]
    [InlineData("¿Cómo me doy de baja? Es demasiado para nosotros")]
    [InlineData("Comment je fais pour me désabonner, c'est trop pour nous")]
    [InlineData("Arrêtez les messages le matin, on dort encore")]
    public void A_longer_spanish_or_french_text_about_stopping_is_unclear(string body)
    {
        Assert.Equal(new Command(Keyword.MaybeOptOut), Keywords.Parse(body));
    }

    [Theory]
    [InlineData("Alto el fuego en casa, tranquila")]
    [InlineData("Es muy alto")]
    [InlineData("Basta de trabajo, hoy cenamos juntos feliz")]
    [InlineData("Paramos en la playa")]
    [InlineData("Cancelamos la cena pero vimos una peli")]
    [InlineData("bajamos al parque")]
    [InlineData("La baja de Ana terminó")]
    [InlineData("Reímos sin parar")]
    [InlineData("No pude parar de reír")]
    [InlineData("No me manden fotos feas jaja")]
    [InlineData("Arrête de me faire rire")]
    [InlineData("On s'est arrêtés au parc")]
    [InlineData("Je pense à toi sans arrêt")]
    [InlineData("L'arrêt de bus était plein")]
    [InlineData("Plus de câlins ce soir")]
    public void Spanish_and_french_stop_words_in_an_answer_are_not_a_request_to_stop(string body)
    {
        Assert.Equal(new Command(Keyword.None), Keywords.Parse(body));
    }

    private static InboundText Classified(string body, string? optOutType) => new("+13125550181", body, "SM1", OptOutType: optOutType);

    // Twilio's Advanced Opt-Out has classified the text and confirmed a STOP itself: no second confirmation.
    [Theory]
    [InlineData("Hola", "STOP", Keyword.OptOut)]
    [InlineData("Cooking together, calm", "STOP", Keyword.OptOut)]
    [InlineData("Hola", "stop", Keyword.OptOut)]
    [InlineData("STOP", "START", Keyword.OptIn)]
    [InlineData("Alto", "HELP", Keyword.Help)]
    [InlineData("ayuda", "HELP", Keyword.Help)]
    public void Twilios_opt_out_type_decides_whatever_the_body_says(string body, string optOutType, string expected)
    {
        Assert.Equal(new Command(expected, AnsweredByTwilio: true), Keywords.Parse(Classified(body, optOutType)));
    }

    [Theory]
    [InlineData("ALTO", null, Keyword.OptOut)]
    [InlineData("Hola", null, Keyword.None)]
    [InlineData("Hola", "", Keyword.None)]
    [InlineData("STOP", null, Keyword.OptOut)]
    public void Without_opt_out_type_the_body_decides(string body, string? optOutType, string expected)
    {
        Assert.Equal(expected, Keywords.Parse(Classified(body, optOutType)).Keyword);
        Assert.False(Keywords.Parse(Classified(body, optOutType)).AnsweredByTwilio);
    }
}
