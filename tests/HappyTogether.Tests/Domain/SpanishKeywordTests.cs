using System.Reflection;
using System.Text.Json;
using HappyTogether.Entry.Inbound;

namespace HappyTogether.Tests.Domain;

/// <summary>The keywords in Spanish: every English one has its Spanish form, each reads as its keyword in any case and
/// with or without accents, and Spanish look-alikes stay answers.</summary>
public class SpanishKeywordTests
{
    private static HashSet<string> IdsOf(string language)
    {
        var root = typeof(SpanishKeywordTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "functions", "HappyTogether", "Entry", "Inbound", $"keywords.{language}.json")));
        return file.RootElement.GetProperty("keywords").EnumerateArray().Select(k => k.GetProperty("id").GetString()!).ToHashSet();
    }

    [Fact]
    public void Every_English_keyword_has_its_Spanish_form()
    {
        // Stopping is read in every language by stop-requests.json (ALTO, BASTA...); ENGLISH is the way back.
        var english = IdsOf("en").Except([Keyword.OptOut, Keyword.MaybeOptOut, Keyword.English]);
        var missing = english.Except(IdsOf("es")).ToList();
        Assert.True(missing.Count == 0, $"No Spanish form for: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("AYUDA", "Help", null)]
    [InlineData("Ayuda", "Help", null)]
    [InlineData("MÁS", "More", null)]
    [InlineData("PAUSA 3", "Pause", "3")]
    [InlineData("SEGUIR", "Resume", null)]
    [InlineData("SALTAR", "Skip", null)]
    [InlineData("ESTADO", "Status", null)]
    [InlineData("HORA 9pm", "Time", "9pm")]
    [InlineData("MAÑANA 7:30", "Morning", "7:30")]
    [InlineData("ZONA Bogotá", "Zone", "Bogotá")]
    [InlineData("RESUMEN dom 7pm", "Recap", "dom 7pm")]
    [InlineData("GRACIAS vie", "Thanks", "vie")]
    [InlineData("FECHA aniversario 14/06", "Date", "aniversario 14/06")]
    [InlineData("BORRAR SÍ", "DeleteYes", null)]
    [InlineData("COMPARTIR NO", "ShareOff", null)]
    [InlineData("CADA 2", "EveryOtherDay", null)]
    [InlineData("ENTRE SEMANA", "Weekdays", null)]
    [InlineData("ESCUCHAR miércoles 8pm", "Listen", "miércoles 8pm")]
    [InlineData("RITUAL sáb pizza y juegos", "Ritual", "sáb pizza y juegos")]
    [InlineData("HOGAR juntos, niños", "Home", "juntos, niños")]
    [InlineData("ESPAÑOL", "Spanish", null)]
    [InlineData("Espanol", "Spanish", null)]
    [InlineData("EXPORTAR", "Export", null)]
    public void A_Spanish_keyword_reads_as_its_keyword(string body, string keyword, string? argument)
    {
        Assert.Equal(new Command(keyword, argument), Keywords.Parse(body));
    }

    [Theory]
    [InlineData("AYUDA", "es")]
    [InlineData("Más", "es")]
    [InlineData("Hola", "es")]
    [InlineData("HELP", "en")]
    [InlineData("JOIN", "en")]
    [InlineData("hello there", null)]
    public void A_number_in_no_couple_is_answered_in_the_language_of_its_keyword(string body, string? language)
    {
        Assert.Equal(language, Keywords.LanguageOf(body));
    }

    [Theory]
    [InlineData("Alto el fuego en casa, tranquila")]
    [InlineData("Gracias por todo, feliz")]
    [InlineData("gracias")]
    [InlineData("Mañana en la playa contigo")]
    [InlineData("Hora de dormir, cansada")]
    [InlineData("Ayuda con la mudanza, agradecida")]
    [InlineData("Zona de confort: el sofá")]
    [InlineData("Estado de ánimo: feliz")]
    [InlineData("Escuchar música juntos")]
    public void A_Spanish_look_alike_stays_an_answer(string body)
    {
        Assert.Equal(Keyword.None, Keywords.Parse(body).Keyword);
    }

    [Theory]
    [InlineData("dom", DayOfWeek.Sunday)]
    [InlineData("miércoles", DayOfWeek.Wednesday)]
    [InlineData("Mie", DayOfWeek.Wednesday)]
    [InlineData("sábado", DayOfWeek.Saturday)]
    [InlineData("jue", DayOfWeek.Thursday)]
    [InlineData("sun", DayOfWeek.Sunday)]
    public void Weekdays_read_in_Spanish_and_English(string text, DayOfWeek day)
    {
        Assert.True(Keywords.TryParseDay(text, out var read));
        Assert.Equal(day, read);
    }
}

/// <summary>An invitation to someone whose language nobody gave: English with a line in Spanish, within two
/// segments.</summary>
public class BilingualInvitationTests
{
    [Theory]
    [InlineData(null, "from-nobody")]
    [InlineData("WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "from-operator")]
    public void An_invitation_of_unknown_language_carries_both_within_two_segments(string? invitedBy, string _)
    {
        HappyTogether.Model.Couples.Partner Named(string key) => new()
        {
            Key = key,
            Name = new string('W', 20),
            Phone = key == "a" ? "+13125550181" : "+13125550182",
            TimeZone = "America/Chicago",
            MorningTime = new TimeOnly(8, 0),
            EveningTime = new TimeOnly(20, 30),
        };
        var couple = new HappyTogether.Model.Couples.Couple
        {
            Id = "c",
            CreatedUtc = DateTimeOffset.UnixEpoch,
            TimeZone = "America/Chicago",
            InvitedBy = invitedBy,
            A = Named("a"),
            B = Named("b"),
        };
        var text = HappyTogether.Lifecycle.Program.ProgramTexts.Invitation(couple, couple.A);
        Assert.EndsWith("\n¿Prefieres español? Responde SI.", text);
        Assert.True(HappyTogether.Foundation.Text.Gsm7.Segments(text) <= HappyTogether.Lifecycle.Program.ProgramTexts.InvitationSegments, $"{text.Length}: {text}");
        couple.A.Language = "es";
        var spanish = HappyTogether.Lifecycle.Program.ProgramTexts.Invitation(couple, couple.A);
        Assert.DoesNotContain("Prefieres", spanish);
    }
}

/// <summary>Dates as a Spanish partner writes them: day first, Spanish month names.</summary>
public class SpanishDateTests
{
    [Theory]
    [InlineData("02/03", 3, 2)]
    [InlineData("14/06", 6, 14)]
    [InlineData("14 de junio", 6, 14)]
    [InlineData("3 dic", 12, 3)]
    [InlineData("1 de septiembre", 9, 1)]
    public void A_Spanish_partner_s_date_reads_day_first(string text, int month, int day)
    {
        using var spanish = HappyTogether.Foundation.Text.Languages.Use(HappyTogether.Foundation.Text.Languages.Spanish);
        Assert.True(HappyTogether.Content.Occasions.OccasionDates.TryParse(text, out var read));
        Assert.Equal(new HappyTogether.Model.Couples.MonthDay(month, day), read);
    }

    [Fact]
    public void An_English_partner_s_ambiguous_date_stays_month_first()
    {
        Assert.True(HappyTogether.Content.Occasions.OccasionDates.TryParse("02/03", out var read));
        Assert.Equal(new HappyTogether.Model.Couples.MonthDay(2, 3), read);
    }
}

/// <summary>A mood given in Spanish is kept as written for every reader; one given in English reads in the reader's
/// language.</summary>
public class SpanishMoodTests
{
    private static readonly HappyTogether.Foundation.Moods.MoodLexicon Lexicon = HappyTogether.Foundation.Moods.MoodLexicon.Load();

    [Fact]
    public void A_Spanish_mood_word_is_shown_as_written_and_an_English_one_in_the_reader_s_language()
    {
        var cansada = Lexicon.Extract("Un café tranquilo contigo, cansada")!;
        Assert.Equal("tired", cansada.Word);
        Assert.Equal("cansada", cansada.Written);
        Assert.Equal("cansada", HappyTogether.Foundation.Moods.MoodNames.Of(cansada));
        var tired = Lexicon.Extract("Long day, tired")!;
        Assert.Null(tired.Written);
        Assert.Equal("tired", HappyTogether.Foundation.Moods.MoodNames.Of(tired));
        using var spanish = HappyTogether.Foundation.Text.Languages.Use(HappyTogether.Foundation.Text.Languages.Spanish);
        Assert.Equal("cansada", HappyTogether.Foundation.Moods.MoodNames.Of(cansada));
        Assert.NotEqual("tired", HappyTogether.Foundation.Moods.MoodNames.Of(tired));
    }
}
