using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Text;
using HappyTogether.Functions;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using HappyTogether.Pages.WeekPage;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// A partner's answer reaches the other whole, exactly as written and in its own encoding, through the signed webhook
/// and the real Twilio SDK against the fake Twilio API; past three segments, as its opening and a link to the night's
/// page, which shows the night only as it was revealed to the viewer.
/// </summary>
public sealed class WholeRevealTests : IAsyncLifetime
{
    private const string Night = "2027-01-04";
    private FakeTwilioApi twilio = null!;

    public async Task InitializeAsync() => twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await twilio.DisposeAsync();

    /// <summary>An opted-in Chicago couple, texted through Twilio, that has just received Monday's evening question.</summary>
    private async Task<(TestApp App, Couple Couple)> AfterQuestionAsync()
    {
        var app = await TestApp.StartAsync(TestApp.ChicagoEvening.AddHours(-1), twilio);
        var couple = await app.EnrollOptedInAsync();
        app.Clock.SetUtcNow(TestApp.ChicagoEvening);
        await app.Get<Scheduler>().RunAsync();
        await app.DrainQueueAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        return (app, couple);
    }

    /// <summary>Ana answers first, Sam second: the reveal in Sam's reply after its lead on his own answer ("Got it:
    /// calm. "), and the reveal of Sam's answer Twilio took for Ana.</summary>
    private async Task<(string ToSam, string ToAna)> BothAnswerAsync(TestApp app, Couple couple, string ana, string sam)
    {
        Assert.StartsWith("Got it", (await app.TextAsync(couple.A.Phone, ana)).Reply);
        var (status, reply) = await app.TextAsync(couple.B.Phone, sam);
        Assert.Equal(200, status);
        await app.DrainQueueAsync();
        var toAna = twilio.To(couple.A.Phone).Last().Body;
        Assert.StartsWith("Sam's answer: ", toAna);
        Assert.StartsWith("Got it", reply);
        var toSam = reply![reply!.IndexOf("Ana's answer: ", StringComparison.Ordinal)..];
        return (toSam, toAna);
    }

    private static async Task<(int Status, string Html)> OpenAsync(TestApp app, string url)
    {
        var request = Http.Link(url);
        var function = url.Contains("/api/w?") ? await app.Function<WeekPageFunction>().Get(request, default)
            : await app.Function<NightPageFunction>().Get(request, default);
        var result = Assert.IsType<ContentResult>(function);
        Assert.Equal("text/html; charset=utf-8", result.ContentType);
        Assert.Equal("no-store", request.HttpContext.Response.Headers.CacheControl);
        Assert.Equal("no-referrer", request.HttpContext.Response.Headers["Referrer-Policy"]);
        Assert.Equal(WeekPageHtml.ContentSecurityPolicy, request.HttpContext.Response.Headers.ContentSecurityPolicy);
        return (result.StatusCode!.Value, result.Content!);
    }

    private static string NightLink(TestApp app, Couple couple, string viewer) =>
        app.Get<SignedLinks>().NightUrl(couple.Id, viewer, DateOnly.Parse(Night, CultureInfo.InvariantCulture))!;

    private static string LinkIn(string text) =>
        text[text.IndexOf(Sms.PublicBaseUrl + SignedLinks.NightPath + "?", StringComparison.Ordinal)..];

    [Fact]
    public async Task A_300_character_GSM_answer_arrives_whole_in_GSM7_both_in_the_reply_and_through_Twilio()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        var ana = string.Concat(Enumerable.Repeat("We cooked, talked about the trip & laughed a lot; ", 6)).TrimEnd() + " happy";
        var sam = "Long walk by the lake after work, the sky went pink and we stopped to watch it. " + ana[..200] + " calm";
        Assert.InRange(ana.Length, 300, 320);
        var (toSam, toAna) = await BothAnswerAsync(app, couple, ana, sam);

        Assert.Equal("Ana's answer: " + ana, toSam);
        Assert.Equal("Sam's answer: " + sam, toAna);
        foreach (var text in new[] { toSam, toAna })
        {
            Assert.NotNull(Gsm7.Septets(text));
            Assert.InRange(Gsm7.Segments(text), 2, 3);
        }
    }

    [Fact]
    public async Task Accents_curly_quotes_and_dashes_arrive_as_typed_in_UCS2()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        const string ana = "La cena del sábado con tu mamá, me reí muchísimo. contenta";
        const string sam = "We’re good — a bit “stressed” about work… but ok. tired";
        var (toSam, toAna) = await BothAnswerAsync(app, couple, ana, sam);

        Assert.Equal("Ana's answer: " + ana, toSam);
        Assert.Equal("Sam's answer: " + sam, toAna);
        Assert.Null(Gsm7.Septets(toSam));
        Assert.Equal(2, Gsm7.Segments(toSam));
        Assert.Equal(1, Gsm7.Segments(toAna));
    }

    [Fact]
    public async Task An_emoji_answer_arrives_whole_with_its_emoji_intact_and_line_breaks_kept()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        const string ana = "Dinner on the roof 👩‍❤️‍👨🌙\nthen the stars ✨ happy";
        const string sam = "🥹❤️ loved";
        var (toSam, toAna) = await BothAnswerAsync(app, couple, ana, sam);

        Assert.Equal("Ana's answer: " + ana, toSam);
        Assert.Equal("Sam's answer: " + sam, toAna);
        Assert.Contains("👩‍❤️‍👨", toSam);
    }

    [Fact]
    public async Task An_answer_past_three_segments_arrives_as_its_opening_and_a_night_link_that_shows_it_whole()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        var ana = string.Concat(Enumerable.Range(1, 40).Select(i => $"Moment {i}: you 😊 "))
            + "& “everything” else. grateful";
        var sam = string.Concat(Enumerable.Repeat("The long drive home with the windows down and our song on. ", 10)) + "content";
        var (toSam, toAna) = await BothAnswerAsync(app, couple, ana, sam);

        foreach (var (text, lead, answer) in new[] { (toSam, "Ana's answer: ", ana), (toAna, "Sam's answer: ", sam) })
        {
            Assert.InRange(Gsm7.Segments(text), 2, 3);
            Assert.Matches(@"\.\.\. Read it all: https://happytogether\.example\.org/api/n\?[A-Za-z0-9_-]{43}$", text);
            Assert.StartsWith(lead, text);
            // The opening is the answer's own start, cut between whole text elements.
            var opening = text[lead.Length..text.IndexOf("... Read it all: ", StringComparison.Ordinal)];
            Assert.StartsWith(opening, answer);
            Assert.Contains(opening.Length, StringInfo.ParseCombiningCharacters(answer).Append(answer.Length));
            Assert.True(opening.Length > 50, opening);
        }
        Assert.Null(Gsm7.Septets(toSam));
        Assert.NotNull(Gsm7.Septets(toAna));

        // Each link opens the night for its own reader: the question, their answer and the other's, whole.
        var (status, samsPage) = await OpenAsync(app, LinkIn(toSam));
        Assert.Equal(200, status);
        Assert.Contains("<title>Your night with Ana</title>", samsPage);
        Assert.Contains(WebUtility.HtmlEncode(ana), samsPage);
        Assert.Contains(WebUtility.HtmlEncode(sam), samsPage);
        var (_, anasPage) = await OpenAsync(app, LinkIn(toAna));
        Assert.Contains("<title>Your night with Sam</title>", anasPage);
        Assert.Contains(WebUtility.HtmlEncode(sam), anasPage);
        Assert.Equal(LinkIn(toAna), NightLink(app, couple, "a"));
    }

    [Fact]
    public async Task The_night_page_never_shows_a_withheld_answer()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        const string sam = "Quiet evening, thinking a lot";
        await BothAnswerAsync(app, couple, "Pasta night, cozy", sam);
        // The care check flags Sam's answer as a safety signal: to Ana, the night is one Sam did not answer.
        await app.Tables.History.UpsertEntityAsync(
            new TableEntity(couple.Id, CoupleRows.Dated(DateOnly.Parse(Night, CultureInfo.InvariantCulture), "answer", "b")) { ["Care"] = "Safety" },
            TableUpdateMode.Merge);

        var (status, toAna) = await OpenAsync(app, NightLink(app, couple, "a"));
        Assert.Equal(200, status);
        Assert.DoesNotContain("thinking a lot", toAna);
        Assert.Contains("Pasta night, cozy", toAna);
        Assert.Contains("Sam's answer shows here once you've both answered and they share it.", toAna);
        // Sam still sees his own words.
        Assert.Contains(sam, (await OpenAsync(app, NightLink(app, couple, "b"))).Html);
    }

    [Fact]
    public async Task With_SHARE_OFF_the_night_page_shows_nothing_of_the_partners_answer()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        await BothAnswerAsync(app, couple, "Pasta night, cozy", "Fixed the bike together, proud");
        Assert.Contains("Fixed the bike together", (await OpenAsync(app, NightLink(app, couple, "a"))).Html);

        await app.TextAsync(couple.B.Phone, "SHARE OFF");
        var (_, toAna) = await OpenAsync(app, NightLink(app, couple, "a"));
        Assert.DoesNotContain("Fixed the bike", toAna);
        Assert.DoesNotContain("proud", toAna);
        Assert.Contains("Pasta night, cozy", toAna);
        var (_, toSam) = await OpenAsync(app, NightLink(app, couple, "b"));
        Assert.Contains("Fixed the bike together, proud", toSam);
        Assert.Contains("Pasta night, cozy", toSam);
    }

    [Fact]
    public async Task Before_the_viewer_answers_the_night_page_shows_only_that_the_other_answer_is_not_theirs_yet()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.B.Phone, "Fixed the bike together, proud");
        var (status, toAna) = await OpenAsync(app, NightLink(app, couple, "a"));
        Assert.Equal(200, status);
        Assert.DoesNotContain("Fixed the bike", toAna);
        Assert.Contains("You didn't answer this one.", toAna);
    }

    [Fact]
    public async Task After_DELETE_the_night_page_shows_nothing_of_the_erased_couple()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        await BothAnswerAsync(app, couple, "Pasta night, cozy", "Fixed the bike together, proud");
        var toAna = NightLink(app, couple, "a");
        Assert.Equal(200, (await OpenAsync(app, toAna)).Status);

        await app.TextAsync(couple.B.Phone, "DELETE");
        await app.TextAsync(couple.B.Phone, "DELETE YES");
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().GetAsync(couple.Id));
        foreach (var viewer in new[] { "a", "b" })
        {
            var (status, html) = await OpenAsync(app, NightLink(app, couple, viewer));
            Assert.Equal((404, WeekPageHtml.NotFound), (status, html));
        }
    }

    [Fact]
    public async Task A_tampered_or_expired_night_link_gets_the_week_pages_answer()
    {
        var (app, couple) = await AfterQuestionAsync();
        await using var _ = app;
        await BothAnswerAsync(app, couple, "Pasta night, cozy", "Fixed the bike together, proud");
        var night = NightLink(app, couple, "a");
        var week = app.Get<SignedLinks>().WeekUrl(couple.Id, "a", new DateOnly(2027, 1, 10))!;
        static string Tamper(string url) => url[..^5] + (url[^5] == 'A' ? "B" : "A") + url[^4..];

        var tampered = await OpenAsync(app, Tamper(night));
        Assert.Equal((404, WeekPageHtml.NotFound), tampered);
        Assert.Equal(await OpenAsync(app, Tamper(week)), tampered);
        // A week link is no night link, nor the other way round.
        Assert.Equal(tampered, await OpenAsync(app, week.Replace("/api/w?", "/api/n?")));

        // A night link lasts as a week link does: two weeks from the end of that night.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 18, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal(200, (await OpenAsync(app, night)).Status);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 19, 0, 0, 0, TimeSpan.Zero));
        var expired = await OpenAsync(app, night);
        Assert.Equal((410, WeekPageHtml.Expired), expired);
        app.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(expired, await OpenAsync(app, week));
    }
}
