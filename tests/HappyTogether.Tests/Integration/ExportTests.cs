using System.Text;
using System.Text.Json;
using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Links;
using HappyTogether.Functions;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// EXPORT's link: a couple plays three nights through the webhook, then partner a's export holds a's
/// own texts and exactly what was revealed to a, as JSON and CSV; a forged, expired or erased link
/// opens nothing.
/// </summary>
public class ExportTests
{
    // Night one: both answer and see each other's answer; b reacts.
    private const string AnswerA1 = "=HYPERLINK(\"https://evil.example\",\"win\") Cooking together. happy";
    private const string AnswerB1 = "Dinner, then \"the talk\"\nthen bed. calm";
    private const string ReactionB1 = "haha yes";
    private const string NoteA1 = "Also: the soup was amazing, we should make it again sometime soon";
    // Night two: only b answers, so nothing is revealed.
    private const string AnswerB2 = "Unrevealed night two, hopeful";
    // Night three: b has SHARE OFF; both answer, nothing is revealed.
    private const string AnswerA3 = "A long walk in the snow, grateful";
    private const string AnswerB3 = "Private night three, anxious";

    private static readonly DateOnly Night1 = new(2027, 1, 4);

    /// <summary>Executes results as the Functions ASP.NET Core integration does: MVC's result executors.</summary>
    private static readonly IServiceProvider Mvc = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    private sealed record Response(int Status, IHeaderDictionary Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    /// <summary>GETs a link through the function class, as the host would route it.</summary>
    private static async Task<Response> GetAsync(TestApp app, string url, string query = "")
    {
        var uri = new Uri(url);
        var context = new DefaultHttpContext { RequestServices = Mvc };
        context.Request.Method = "GET";
        context.Request.Scheme = uri.Scheme;
        context.Request.Host = new HostString(uri.Host);
        context.Request.Path = uri.AbsolutePath;
        // The link's query is its token; a format goes after it, as the download page's links put it.
        context.Request.QueryString = new QueryString(uri.Query + (query.Length > 0 ? "&" + query.TrimStart('?') : ""));
        var body = new MemoryStream();
        context.Response.Body = body;
        var result = await app.Function<ExportFunction>().Get(context.Request, default);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return new Response(context.Response.StatusCode, context.Response.Headers, body.ToArray());
    }

    private static string Link(TestApp app, Couple couple, string partner) =>
        app.Get<SignedLinks>().ExportUrl(couple.Id, partner, Night1) ?? throw new InvalidOperationException("PublicBaseUrl is not set.");

    /// <summary>The next evening question, 24 hours on, through every scheduler tick on the way.</summary>
    private static Task NextEveningAsync(TestApp app)
    {
        var now = app.Clock.GetUtcNow();
        return app.RunTimerAsync(Enumerable.Range(1, 24 * 12).Select(n => now.AddMinutes(5 * n)));
    }

    /// <summary>A partner texting a minute after the last text, as people do; then whatever it set off goes
    /// out.</summary>
    private static async Task TextAsync(TestApp app, Partner from, string body)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.TextAsync(from.Phone, body);
        await app.DrainQueueAsync();
    }

    /// <summary>The three nights, played through the webhook and the queue.</summary>
    private static async Task<(TestApp App, Couple Couple)> ThreeNightsAsync()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await TextAsync(app, couple.A, AnswerA1);
        await TextAsync(app, couple.A, NoteA1);
        await TextAsync(app, couple.B, AnswerB1);
        await TextAsync(app, couple.B, ReactionB1);

        await NextEveningAsync(app);
        await TextAsync(app, couple.B, AnswerB2);

        await NextEveningAsync(app);
        await TextAsync(app, couple.B, "SHARE OFF");
        await TextAsync(app, couple.A, AnswerA3);
        await TextAsync(app, couple.B, AnswerB3);
        return (app, couple);
    }

    private static void AssertPrivateHeaders(Response response)
    {
        Assert.Equal("no-store", response.Headers.CacheControl);
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"]);
        Assert.Equal("noindex", response.Headers["X-Robots-Tag"]);
    }

    [Fact]
    public async Task The_export_holds_the_partners_own_texts_and_exactly_the_answers_revealed_to_them()
    {
        var (app, couple) = await ThreeNightsAsync();
        await using var _ = app;
        var history = await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, Night1, Night1.AddDays(2));
        var question = history.Where(r => r.Kind == TextKind.Evening && r.Partner == "a").ToDictionary(r => r.Date, r => app.Get<PromptCatalog>().Find(r.PromptId!)!);
        // Only night one was revealed, and b's reaction passed on.
        Assert.Equal([Night1], history.Where(r => r.Kind == TextKind.Reveal && r.Partner == "a").Select(r => r.Date));
        Assert.Single(history, r => r.Kind == TextKind.Reaction && r.Partner == "a");
        var link = Link(app, couple, "a");

        var page = await GetAsync(app, link);
        Assert.Equal(200, page.Status);
        AssertPrivateHeaders(page);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", page.Headers.ContentSecurityPolicy);
        Assert.Contains($"href=\"?{Http.TokenOf(link)}&amp;format=json\"", page.Text);
        Assert.Contains($"href=\"?{Http.TokenOf(link)}&amp;format=csv\"", page.Text);
        Assert.Contains("(3 days after it was texted)", page.Text);
        Assert.DoesNotContain("<script", page.Text);

        var json = await GetAsync(app, link, "?format=json");
        Assert.Equal((200, "application/json; charset=utf-8"), (json.Status, json.Headers.ContentType.ToString()));
        Assert.StartsWith("attachment; filename=happytogether-2027-01-06.json", json.Headers.ContentDisposition.ToString());
        AssertPrivateHeaders(json);
        using var document = JsonDocument.Parse(json.Body);
        var root = document.RootElement;
        Assert.Equal(("2027-01-06", "Ana", "America/Chicago", "Sam"),
            (root.GetProperty("exportedOn").GetString(), root.GetProperty("name").GetString(), root.GetProperty("timeZone").GetString(), root.GetProperty("partnerName").GetString()));
        var rows = root.GetProperty("answers").EnumerateArray()
            .Select(r => (Date: r.GetProperty("date").GetString()!, Who: r.GetProperty("who").GetString()!, Kind: r.GetProperty("kind").GetString()!,
                Question: r.GetProperty("question").GetString(), Text: r.GetProperty("text").GetString()!, Mood: r.GetProperty("mood").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("2027-01-04", "Ana", "answer", question[Night1].Render("Sam"), AnswerA1, "happy"),
                ("2027-01-04", "Ana", "note", null, NoteA1, null),
                ("2027-01-04", "Sam", "answer", question[Night1].Render("Ana"), AnswerB1, "calm"),
                ("2027-01-04", "Sam", "reaction", question[Night1].Render("Ana"), ReactionB1, null),
                ("2027-01-06", "Ana", "answer", question[Night1.AddDays(2)].Render("Sam"), AnswerA3, "grateful"),
            ],
            rows);
        Assert.Equal("""[{"date":"2027-01-04","you":"happy","partner":"calm"},{"date":"2027-01-06","you":"grateful","partner":null}]""",
            JsonSerializer.Serialize(root.GetProperty("moods")));

        var csv = await GetAsync(app, link, "?format=csv");
        Assert.Equal((200, "text/csv; charset=utf-8"), (csv.Status, csv.Headers.ContentType.ToString()));
        Assert.StartsWith("attachment; filename=happytogether-2027-01-06.csv", csv.Headers.ContentDisposition.ToString());
        AssertPrivateHeaders(csv);
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv.Body[..3]);
        var text = Encoding.UTF8.GetString(csv.Body[3..]);
        Assert.StartsWith("date,who,kind,question,text,mood\r\n", text);
        // The formula gets its apostrophe inside the quotes; quotes are doubled; the line break stays inside its field.
        Assert.Contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"win\"\") Cooking together. happy\",happy\r\n", text);
        Assert.Contains(",\"Dinner, then \"\"the talk\"\"\nthen bed. calm\",calm\r\n", text);
        var parsed = ParseCsv(text);
        Assert.Equal(["date", "who", "kind", "question", "text", "mood"], parsed[0]);
        Assert.Equal(
            rows.Select(r => new[] { r.Date, r.Who, r.Kind, r.Question ?? "", r.Text.StartsWith('=') ? "'" + r.Text : r.Text, r.Mood ?? "" }).ToList(),
            parsed.Skip(1).ToList());

        // What b did not share is in none of them.
        foreach (var secret in new[] { AnswerB2, AnswerB3, couple.B.Phone[2..], couple.A.Phone[2..] })
        {
            Assert.DoesNotContain(secret, json.Text);
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(secret, page.Text);
        }
    }

    [Fact]
    public async Task A_text_a_spreadsheet_could_run_as_a_formula_is_neutralised_wherever_a_cell_could_begin()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        const string normal = "Cooking dinner together - lovely. calm";
        // The answer, then notes: each text becomes a row of its own.
        string[] texts = [normal, ";=1+1", "=HYPERLINK(\"https://evil.example\",\"win\")", "+1", "a;@SUM(1)", "-"];
        foreach (var text in texts) await TextAsync(app, couple.A, text);

        var csv = Encoding.UTF8.GetString((await GetAsync(app, Link(app, couple, "a"), "?format=csv")).Body[3..]);
        // Each row ends with its text and mood; the normal answer is byte for byte as texted.
        foreach (var row in new[]
        {
            $",{normal},calm\r\n",
            ",\";'=1+1\",\r\n",
            ",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"win\"\")\",\r\n",
            ",\"'+1\",\r\n",
            ",\"a;'@SUM(1)\",\r\n",
            ",\"'-\",\r\n",
        })
            Assert.Contains(row, csv);
        // Read back as RFC 4180, each text is itself with an apostrophe before each formula start, and nothing else
        // changed.
        Assert.Equal([normal, ";'=1+1", "'=HYPERLINK(\"https://evil.example\",\"win\")", "'+1", "a;'@SUM(1)", "'-"], ParseCsv(csv).Skip(1).Select(r => r[4]));
    }

    [Fact]
    public async Task A_tampered_link_opens_nothing_and_an_expired_one_says_so()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "Cooking together, calm");
        var link = Link(app, couple, "a");
        var token = Http.TokenOf(link);
        var tampered = link[..^token.Length] + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        var week = app.Get<SignedLinks>().WeekUrl(couple.Id, "a", Night1)!.Replace("/api/w?", "/api/x?");

        foreach (var forged in new[] { tampered, week, link[..^1] })
        {
            var response = await GetAsync(app, forged, "?format=json");
            Assert.Equal(404, response.Status);
            AssertPrivateHeaders(response);
            Assert.Contains("This link doesn't open anything.", response.Text);
        }

        app.Clock.Advance(SignedLinks.ExportLifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(200, (await GetAsync(app, link, "?format=csv")).Status);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        foreach (var query in new[] { "", "?format=json", "?format=csv" })
        {
            var expired = await GetAsync(app, link, query);
            Assert.Equal(410, expired.Status);
            AssertPrivateHeaders(expired);
            Assert.Contains("This link has expired", expired.Text);
            Assert.DoesNotContain("calm", expired.Text);
        }
    }

    [Fact]
    public async Task After_STOP_or_DELETE_the_link_opens_nothing_and_nothing_is_left()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        await app.TextAsync(couple.A.Phone, "Cooking together, calm");
        await app.TextAsync(couple.B.Phone, "The walk home, happy");
        await app.DrainQueueAsync();
        var linkA = Link(app, couple, "a");
        var linkB = Link(app, couple, "b");
        var notFound = (await GetAsync(app, linkA[..^1] + "x")).Text;

        await app.TextAsync(couple.B.Phone, "STOP");
        Assert.Equal(404, (await GetAsync(app, linkB, "?format=json")).Status);
        Assert.Equal(200, (await GetAsync(app, linkA, "?format=json")).Status);

        await app.TextAsync(couple.A.Phone, "DELETE");
        await app.TextAsync(couple.A.Phone, "DELETE YES");
        await app.DrainQueueAsync();
        foreach (var query in new[] { "", "?format=json", "?format=csv" })
        {
            var response = await GetAsync(app, linkA, query);
            // The same page as a forged link: nothing tells that the couple was ever there.
            Assert.Equal((404, notFound), (response.Status, response.Text));
        }
        Assert.Null(await app.Get<CoupleStore>().GetAsync(couple.Id));
        Assert.Empty(await app.RowsMentioningAsync(couple.Id));
        Assert.Empty(await app.RowsMentioningAsync("Cooking together"));
    }

    [Fact]
    public async Task A_year_of_nights_exports_in_a_few_storage_requests()
    {
        await using var app = await TestApp.StartAsync();
        var couple = await app.EnrollOptedInAsync();
        var history = app.Get<HistoryStore>();
        // Each night as the history has it: both partners' texts in the morning and evening, both answers, both
        // reveals.
        await Parallel.ForEachAsync(Enumerable.Range(0, 365).Select(Night1.AddDays), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (night, ct) =>
        {
            string[] kinds = [TextKind.Morning, TextKind.Evening, TextKind.Reveal];
            await history.ClaimAllAsync(couple.Id, [.. kinds.SelectMany(kind => new[] { "a", "b" }.Select(p => new OutboundRecord(night, kind, p) { Sid = Sms.NewSid(), Status = "delivered" }))], ct: ct);
            foreach (var partner in new[] { "a", "b" })
                await app.StoreAnswerAsync(couple.Id, new AnswerRecord(night, partner, $"night {night} by {partner}, calm") { Mood = "calm", MessageSid = Sms.NewSid() }, ct);
        });

        app.StorageRequests.Reset();
        var export = await app.Get<HappyTogether.Pages.Export.PartnerExports>().ReadAsync(couple.Id, "a");
        Assert.Equal(730, export!.Answers.Count);
        Assert.Equal(365, export.Moods.Count(m => m is { You: "calm", Partner: "calm" }));
        // The couple, then two range queries over its partition, a few pages each.
        Assert.InRange(app.StorageRequests.Tables, 3, 6);
    }

    [Fact]
    public async Task The_local_host_serves_the_export_over_http()
    {
        await using var host = await LocalHostApp.StartHostAsync("PublicBaseUrl=" + Sms.PublicBaseUrl);
        var enrolled = await host.Services.GetRequiredService<HappyTogether.Lifecycle.Enrollments.Enrollment>().EnrollAsync(new HappyTogether.Lifecycle.Enrollments.EnrollmentRequest(
            [new HappyTogether.Lifecycle.Enrollments.PartnerRequest("Kim", "+13125550123", null), new HappyTogether.Lifecycle.Enrollments.PartnerRequest("Lou", "+13125550124", null)], "America/Chicago", null, null, null));
        var couple = Assert.IsType<HappyTogether.Lifecycle.Enrollments.EnrollmentResult.Enrolled>(enrolled).Couple;
        var link = new Uri(host.Services.GetRequiredService<SignedLinks>().ExportUrl(couple.Id, "a", Night1)!);

        using var page = await host.Client.GetAsync(link.PathAndQuery);
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", page.Headers.GetValues("Content-Security-Policy").Single());

        using var csv = await host.Client.GetAsync(link.PathAndQuery + "&format=csv");
        Assert.Equal(200, (int)csv.StatusCode);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("date,who,kind,question,text,mood\r\n", Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]));

        using var forged = await host.Client.GetAsync(link.PathAndQuery[..^2] + "zz");
        Assert.Equal(404, (int)forged.StatusCode);
        Assert.Equal("noindex", forged.Headers.GetValues("X-Robots-Tag").Single());
    }

    /// <summary>A reader of RFC 4180 CSV, independent of the writer: quoted fields, doubled quotes, CRLF between
    /// records.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else field.Append(c);
        }
        return records;
    }
}
