using HappyTogether.Foundation.Links;
using HappyTogether.Functions;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using HappyTogether.Pages.WeekPage;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HappyTogether.Tests.Integration;

/// <summary>The week page through its function class, on Azurite: what it shows, to whom, and for how long.</summary>
public class WeekPageFunctionTests
{
    // Sunday 2027-01-10 ends the week of Monday the 4th, when the couple starts answering.
    private static readonly DateOnly Sunday = new(2027, 1, 10);

    /// <summary>Each night's answers (Ana's, Sam's), texted after that night's question; null: no answer.</summary>
    private static readonly string?[][] Nights =
    [
        ["Cooking together, calm", "The walk home, happy"],
        ["A long day at work. tired", "Laughing at dinner, grateful"],
        ["Nothing much to say", null],
    ];

    /// <summary>A Chicago couple who answered three evening questions through the webhook, Monday to
    /// Wednesday.</summary>
    private static async Task<(TestApp App, Couple Couple)> AnsweredAsync(string nameB = "Sam")
    {
        var app = await TestApp.StartAsync(TestApp.ChicagoEvening.AddHours(-1));
        var couple = await app.EnrollAsync(nameB: nameB);
        await app.DrainQueueAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.Get<ConsentService>().OptInAsync(couple.A.Phone, "test:YES");
        await app.Get<ConsentService>().OptInAsync(couple.B.Phone, "test:YES");
        for (var night = 0; night < Nights.Length; night++)
        {
            app.Clock.SetUtcNow(TestApp.ChicagoEvening.AddDays(night));
            await app.Get<Scheduler>().RunAsync();
            await app.DrainQueueAsync();
            foreach (var (partner, text) in new[] { (couple.A, Nights[night][0]), (couple.B, Nights[night][1]) })
                if (text is not null) await app.TextAsync(partner.Phone, text);
            await app.DrainQueueAsync();
        }
        return (app, (await app.Get<CoupleStore>().GetAsync(couple.Id))!);
    }

    private static string Token(TestApp app, Couple couple, string partner)
    {
        var url = app.Get<SignedLinks>().WeekUrl(couple.Id, partner, Sunday)!;
        Assert.StartsWith(Sms.PublicBaseUrl + "/api/w?", url);
        return Http.TokenOf(url);
    }

    /// <summary>The page as the function answers it: status, HTML, and the response headers it set.</summary>
    private static async Task<(int Status, string Html, Microsoft.AspNetCore.Http.IHeaderDictionary Headers)> OpenAsync(TestApp app, string token)
    {
        var request = Http.Link($"{Sms.PublicBaseUrl}/api/w?{token}");
        var result = Assert.IsType<ContentResult>(await app.Function<WeekPageFunction>().Get(request, default));
        Assert.Equal("text/html; charset=utf-8", result.ContentType);
        return (result.StatusCode!.Value, result.Content!, request.HttpContext.Response.Headers);
    }

    [Fact]
    public async Task The_page_shows_both_partners_mood_words_day_by_day_and_the_nights_answered_but_no_answer_text()
    {
        var (app, couple) = await AnsweredAsync();
        await using (app)
        {
            var (status, html, headers) = await OpenAsync(app, Token(app, couple, "a"));
            Assert.Equal(200, status);
            Assert.Contains("<title>Your week with Sam</title>", html);
            Assert.Contains("<svg class=\"meter\"", html);
            foreach (var cell in new[] { ">calm<", ">happy<", ">tired<", ">grateful<", ">no mood word<" }) Assert.Contains(cell, html);
            Assert.Contains("<li>You: <strong>3</strong></li><li>Sam: <strong>2</strong></li><li>Both of you: <strong>2</strong></li>", html);
            foreach (var text in Nights.SelectMany(n => n).OfType<string>())
                Assert.DoesNotContain(text.Split(',', '.')[0], html);

            Assert.Equal("no-store", headers.CacheControl);
            Assert.Equal("no-referrer", headers["Referrer-Policy"]);
            Assert.Equal("noindex", headers["X-Robots-Tag"]);
            Assert.Equal(WeekPageHtml.ContentSecurityPolicy, headers.ContentSecurityPolicy);
            Assert.StartsWith("default-src 'none'", headers.ContentSecurityPolicy.ToString());

            // Sam's own page names Ana.
            var (_, toSam, _) = await OpenAsync(app, Token(app, couple, "b"));
            Assert.Contains("<title>Your week with Ana</title>", toSam);
            Assert.Contains("<li>You: <strong>2</strong></li>", toSam);
        }
    }

    [Fact]
    public async Task Tonights_word_of_the_other_partner_shows_only_once_the_viewer_has_answered_too()
    {
        var (app, couple) = await AnsweredAsync();
        await using (app)
        {
            // Sunday evening, after the recap: Sam answers tonight's question, Ana has not yet.
            app.Clock.SetUtcNow(TestApp.ChicagoEvening.AddDays(6));
            await app.Get<Scheduler>().RunAsync();
            await app.DrainQueueAsync();
            await app.TextAsync(couple.B.Phone, "Football in the park, excited");
            await app.DrainQueueAsync();
            var token = Token(app, couple, "a");
            var (_, before, _) = await OpenAsync(app, token);
            Assert.DoesNotContain("excited", before);
            Assert.Contains("<tr><th scope=\"row\">Sun, Jan 10</th><td class=\"none\">no answer</td><td class=\"none\">answered</td></tr>", before);
            // Sam's own page has it.
            Assert.Contains(">excited<", (await OpenAsync(app, Token(app, couple, "b"))).Html);

            app.Clock.Advance(TimeSpan.FromMinutes(10));
            await app.TextAsync(couple.A.Phone, "A slow lazy Sunday, calm");
            await app.DrainQueueAsync();
            Assert.Contains(">excited<", (await OpenAsync(app, token)).Html);

            app.Clock.Advance(TimeSpan.FromDays(1));
            var (status, nextDay, _) = await OpenAsync(app, token);
            Assert.Equal(200, status);
            Assert.Contains(">excited<", nextDay);
        }
    }

    [Fact]
    public async Task A_night_only_the_other_partner_answered_stays_off_the_page_after_it_is_over()
    {
        var (app, couple) = await AnsweredAsync();
        await using (app)
        {
            // Wednesday only Ana answered ("Nothing much to say"); Sam's page, days later, shows that she did and no
            // word.
            app.Clock.Advance(TimeSpan.FromDays(3));
            var (_, toSam, _) = await OpenAsync(app, Token(app, couple, "b"));
            Assert.Contains("<tr><th scope=\"row\">Wed, Jan 6</th><td class=\"none\">no answer</td><td class=\"none\">answered</td></tr>", toSam);
        }
    }

    [Fact]
    public async Task A_tampered_link_is_not_found_and_an_expired_one_says_so()
    {
        var (app, couple) = await AnsweredAsync();
        await using (app)
        {
            var token = Token(app, couple, "a");
            var tampered = string.Concat(token.AsSpan(0, 5), token[5] == 'A' ? "B" : "A", token.AsSpan(6));
            var (status, html, headers) = await OpenAsync(app, tampered);
            Assert.Equal((404, WeekPageHtml.NotFound), (status, html));
            Assert.Equal("no-store", headers.CacheControl);
            Assert.Equal(404, (await OpenAsync(app, "not-a-token")).Status);

            app.Clock.Advance(TimeSpan.FromDays(15));
            var (expired, page, _) = await OpenAsync(app, token);
            Assert.Equal(410, expired);
            Assert.Contains("This link has expired; your next recap brings a new one.", page);
        }
    }

    [Fact]
    public async Task With_SHARE_OFF_the_other_partners_words_stay_off_the_page_but_the_viewers_own_show()
    {
        var (app, couple) = await AnsweredAsync();
        await using (app)
        {
            await app.TextAsync(couple.B.Phone, "SHARE OFF");
            var (_, toAna, _) = await OpenAsync(app, Token(app, couple, "a"));
            Assert.Contains("Sam keeps their words private", toAna);
            Assert.DoesNotContain(">happy<", toAna);
            Assert.DoesNotContain(">grateful<", toAna);
            Assert.Contains(">calm<", toAna);

            var (_, toSam, _) = await OpenAsync(app, Token(app, couple, "b"));
            Assert.Contains(">happy<", toSam);
            Assert.Contains(">calm<", toSam);
        }
    }

    [Fact]
    public async Task After_STOP_the_partners_own_page_is_gone_and_after_DELETE_both_are()
    {
        var (app, couple) = await AnsweredAsync();
        await using (app)
        {
            var toAna = Token(app, couple, "a");
            var toSam = Token(app, couple, "b");
            await app.TextAsync(couple.A.Phone, "STOP");
            Assert.Equal((404, WeekPageHtml.NotFound), ((await OpenAsync(app, toAna)).Status, (await OpenAsync(app, toAna)).Html));
            Assert.Equal(200, (await OpenAsync(app, toSam)).Status);

            await app.TextAsync(couple.B.Phone, "DELETE");
            await app.TextAsync(couple.B.Phone, "DELETE YES");
            await app.DrainQueueAsync();
            Assert.Null(await app.Get<CoupleStore>().GetAsync(couple.Id));
            Assert.Equal((404, WeekPageHtml.NotFound), ((await OpenAsync(app, toSam)).Status, (await OpenAsync(app, toSam)).Html));
        }
    }

    [Fact]
    public async Task A_name_that_looks_like_markup_is_shown_as_text()
    {
        var (app, couple) = await AnsweredAsync(nameB: "<script>x</script>");
        await using (app)
        {
            var (status, html, _) = await OpenAsync(app, Token(app, couple, "a"));
            Assert.Equal(200, status);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Your week with &lt;script&gt;x&lt;/script&gt;", html);
        }
    }
}
