using System.Text.RegularExpressions;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using static HappyTogether.Tests.Infrastructure.TimerMarks;

namespace HappyTogether.Tests.Integration;

/// <summary>A couple who lives in Spanish, and a mixed couple, through the admin API, the signed webhook and the
/// scheduler: every text each partner gets is in their own language.</summary>
public partial class SpanishTests
{
    /// <summary>Words an English text is made of and a Spanish one is not.</summary>
    [GeneratedRegex(@"\b(the|you|your|reply|text|answer|question|today|tonight|week|and|got it|thanks)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWords();

    private static void AllSpanish(IEnumerable<string?> texts) =>
        Assert.All(texts.Where(t => t is not null), t => Assert.False(EnglishWords().IsMatch(t!), $"English in a Spanish partner's text: {t}"));

    private static async Task<Couple> EnrollAsync(TestApp app, string languageA, string languageB)
    {
        var result = await app.Get<Enrollment>().EnrollAsync(new EnrollmentRequest(
            [new PartnerRequest("Ana", "+13125550181", null, languageA), new PartnerRequest("Sam", "+13125550182", null, languageB)], "America/Chicago", null, null, null));
        await app.DrainQueueAsync();
        return ((EnrollmentResult.Enrolled)result).Couple;
    }

    [Fact]
    public async Task A_Spanish_couple_goes_through_a_week_without_meeting_a_word_of_English()
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening.AddHours(-1));
        var couple = await EnrollAsync(app, "es", "es");
        var replies = new List<string?>
        {
            (await app.TextAsync(couple.A.Phone, "Sí")).Reply,
            (await app.TextAsync(couple.B.Phone, "si")).Reply,
        };
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(2)));
        // The evening question, answered with a Spanish mood word by both: the reveal follows.
        replies.Add((await app.TextAsync(couple.A.Phone, "Cenar con mis amigas, feliz")).Reply);
        replies.Add((await app.TextAsync(couple.B.Phone, "Un café tranquilo contigo, cansada")).Reply);
        Assert.Contains("feliz", replies[2]);
        replies.Add((await app.TextAsync(couple.A.Phone, "AYUDA")).Reply);
        replies.Add((await app.TextAsync(couple.A.Phone, "HORA 9pm")).Reply);
        replies.Add((await app.TextAsync(couple.B.Phone, "RESUMEN dom 7pm")).Reply);
        var status = (await app.TextAsync(couple.A.Phone, "ESTADO")).Reply;
        replies.Add(status);
        Assert.Contains("Idioma: español.", status);
        Assert.Equal(new TimeOnly(21, 0), (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.EveningTime);
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(7)));
        replies.Add((await app.TextAsync(couple.B.Phone, "ALTO")).Reply);
        Assert.Equal(ConsentState.OptedOut, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.B.Consent);

        var received = (await app.ReceivedAsync(couple, "a")).Concat(await app.ReceivedAsync(couple, "b")).ToList();
        foreach (var kind in new[] { TextKind.Invitation, TextKind.Confirmation, TextKind.Morning, TextKind.Evening, TextKind.Reveal, TextKind.Recap })
            Assert.True(received.Any(t => t.Kind == kind), $"no {kind} among {string.Join(", ", received.Select(t => t.Kind).Distinct())}");
        AllSpanish(replies);
        AllSpanish(received.Select(t => t.Body));
        // The other's words exactly as written, and the mood word in Spanish.
        Assert.Contains(received, t => t.Kind == TextKind.Reveal && t.Body.Contains("Un café tranquilo contigo, cansada", StringComparison.Ordinal));
        Assert.True(received.Any(t => t.Kind == TextKind.Recap && t.Body.Contains("feliz", StringComparison.Ordinal)), string.Join(" / ", received.Where(t => t.Kind == TextKind.Recap).Select(t => t.Body)));
    }

    [Fact]
    public async Task In_a_mixed_couple_each_partner_reads_their_own_language_and_the_other_s_words_as_written()
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening.AddHours(-1));
        var couple = await EnrollAsync(app, "es", "en");
        await app.TextAsync(couple.A.Phone, "SÍ");
        await app.TextAsync(couple.B.Phone, "YES");
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(2)));
        var toAna = await app.ReceivedAsync(couple, "a");
        var toSam = await app.ReceivedAsync(couple, "b");
        var questionA = Assert.Single(toAna, t => t.Kind == TextKind.Evening);
        var questionB = Assert.Single(toSam, t => t.Kind == TextKind.Evening);
        // The same question, each in their language.
        Assert.Equal(questionA.PromptId, questionB.PromptId);
        Assert.Contains('¿', questionA.Body);
        Assert.Matches(EnglishWords(), questionB.Body);
        await app.TextAsync(couple.A.Phone, "Bailar en la cocina, feliz");
        // Sam answers second: Ana's words come with his reply, in English around them.
        var samReply = (await app.TextAsync(couple.B.Phone, "Dancing in the kitchen, happy")).Reply!;
        Assert.Contains("Bailar en la cocina, feliz", samReply);
        Assert.Matches(EnglishWords(), samReply.Replace("Bailar en la cocina, feliz", "", StringComparison.Ordinal));
        await app.DrainQueueAsync();
        Assert.Contains(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Reveal && t.Body.Contains("Dancing in the kitchen, happy", StringComparison.Ordinal));
        // Their week: Sam reads Ana's mood as she wrote it, Ana reads Sam's in Spanish.
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(6)));
        var samsRecap = Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Recap).Body;
        Assert.Contains("Ana: feliz", samsRecap);
        var anasRecap = Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Recap).Body;
        Assert.Contains("Sam: feliz", anasRecap);
        // Sam's words reach her as he wrote them, in a reveal or quoted by a follow-through morning.
        AllSpanish((await app.ReceivedAsync(couple, "a")).Select(t => t.Body.Replace("Dancing in the kitchen", "", StringComparison.Ordinal)));
        // ENGLISH switches Ana; her next reply is in English.
        Assert.Matches(EnglishWords(), (await app.TextAsync(couple.A.Phone, "ENGLISH")).Reply!);
        Assert.Equal(HappyTogether.Foundation.Text.Languages.English, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Language);
    }
}

/// <summary>A number in no couple that texts in Spanish is answered in Spanish: AYUDA, MÁS, and a sign-up started with
/// HOLA.</summary>
public class SpanishStrangerTests
{
    [Fact]
    public async Task Ayuda_mas_and_hola_from_a_number_in_no_couple_are_answered_in_Spanish()
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening.AddHours(-1));
        var help = (await app.TextAsync("+13125550177", "AYUDA")).Reply!;
        Assert.Contains("ALTO", help);
        Assert.DoesNotContain("Reply", help);
        Assert.Contains("AYUDA", (await app.TextAsync("+13125550177", "MÁS")).Reply!);
        Assert.Contains("STOP", (await app.TextAsync("+13125550176", "HELP")).Reply!);
        var asked = (await app.TextAsync("+13125550178", "Hola")).Reply!;
        Assert.Equal(HappyTogether.Foundation.Messages.MessageCatalog.For("es").Render("signup.ask-name"), asked);
    }
}
