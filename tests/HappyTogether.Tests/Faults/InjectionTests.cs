using System.Xml.Linq;
using HappyTogether.Functions;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HappyTogether.Tests.Faults;

/// <summary>
/// OData-filter metacharacters, key-breaking characters and other hostile strings in every input
/// that reaches a table key or query: phone numbers, couple ids, the recap week, keyword arguments,
/// the status callback's c and r (validly signed: an attacker cannot sign, but the code must still be
/// safe), MessageSid and the sign-up dialogue. Two couples share one app; after every attack the
/// other couple's rows are byte-identical, nothing answers 5xx or throws, and no reply names the
/// other couple.
/// </summary>
public sealed partial class InjectionTests(InjectionTests.TwoCouples shared, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<InjectionTests.TwoCouples>
{
    /// <summary>Hostile strings: OData syntax, key-forbidden characters, encodings, control characters, other scripts,
    /// length.</summary>
    public static readonly IReadOnlyList<string> Payloads =
    [
        "'", "''", "' or 1 eq 1 or '", "') or (PartitionKey ne '", "' or PartitionKey ne '' or '", "x' or RowKey gt '",
        "$filter=PartitionKey ne ''", "%27", "%2F", "%00", "\u0000", "a\u0000b", "/", "a/b", "../couples", "\\", "#", "?", "?c=1&r=2",
        "&", "|", "*", "()", "{}", "\t", "\r\n", "\u007f", "\u0085", "\u2028", "ünï©ødé", "Zoë", "日本語", "😀", "\ufeff",
        " ", "null", "true", "0", "-1", "+", "+1", "+1'", "+1 312 555 0191'", "couple", "phone", "consent|a|0",
        new string('x', 1_100), new string('\'', 400), new string('/', 300),
    ];

    /// <summary>
    /// The payloads the app sees in a form post. NUL is left out: ASP.NET Core's form reader refuses
    /// it before the app sees the text, and the webhook answers 400 (see
    /// <see cref="A_NUL_in_a_signed_form_value_gets_a_4xx_not_an_exception"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> FormPayloads = Payloads.Where(p => !p.Contains('\0')).ToList();

    /// <summary>A sample for keyword arguments, which multiply by the number of keywords.</summary>
    public static readonly IReadOnlyList<string> KeywordPayloads =
        ["'", "' or 1 eq 1 or '", "') or (PartitionKey ne '", "%27", "/", "a/b", "\\", "#", "?", "|", "\t", "\u007f", "ünï©ødé", "😀", "+1'", "9pm'", "7:30/", "5#", new string('x', 1_100)];

    public sealed class TwoCouples : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;
        public Couple Mine { get; private set; } = null!;
        public Couple Theirs { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await TestApp.StartAsync(DueCouples.Evening.AddHours(-1));
            var couples = await DueCouples.EnrollAndAskAsync(App, [("+13125550181", "+13125550182"), ("+13125550183", "+13125550184")]);
            (Mine, Theirs) = (couples[0], couples[1]);
            // Their history has answers and a reveal too, so there is private data to protect.
            foreach (var (phone, text) in new[] { (Theirs.A.Phone, "calm and secret"), (Theirs.B.Phone, "tired but private") })
                Assert.Equal(200, (await App.TextAsync(phone, text)).Status);
            await App.DrainQueueAsync();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private TestApp App => shared.App;
    private Couple Mine => shared.Mine;
    private Couple Theirs => shared.Theirs;

    /// <summary>Rows that belong to the other couple: its partitions, due rows, phone index and outbox.</summary>
    private Dictionary<string, string> TheirRows(StoreSnapshot snapshot) =>
        snapshot.Rows.Where(r => r.Key.Contains(Theirs.Id) || r.Key.Contains(Theirs.A.Phone) || r.Key.Contains(Theirs.B.Phone))
            .ToDictionary(r => r.Key, r => r.Value);

    /// <summary>What an attack may change: nothing at all, or anything but the other couple.</summary>
    private enum May { ChangeNothing, ChangeOnlyOwn }

    private sealed record Outcome(int Status, string? Reply);

    private readonly List<string> failures = [];
    private int attacks;
    private StoreSnapshot? lastSnapshot;

    /// <summary>Runs one attack and records every way it went wrong, by name.</summary>
    /// <param name="input">What the attacker sent, which an answer may echo without leaking anything.</param>
    private async Task<Outcome?> Attack(string name, May may, Func<Task<IActionResult>> call, Func<Outcome, bool>? expected = null, string input = "")
    {
        attacks++;
        // Within a test the attacks follow one another with nothing in between, so the store after one is the store
        // before the next.
        var before = lastSnapshot ?? await Snapshot();
        Outcome? outcome = null;
        try
        {
            var result = await call();
            outcome = result is ContentResult c
                ? new Outcome(c.StatusCode ?? 200, XDocument.Parse(c.Content!).Root!.Element("Message")?.Value)
                : new Outcome(Http.Status(result) ?? 0, result is ObjectResult o ? System.Text.Json.JsonSerializer.Serialize(o.Value) : null);
            if (outcome.Status >= 500) failures.Add($"{name}: {outcome.Status}");
            else if (expected is not null && !expected(outcome)) failures.Add($"{name}: unexpected {outcome.Status} '{outcome.Reply}'");
            string[] private_ = [Theirs.Id, Theirs.A.Phone[^4..], Theirs.B.Phone[^4..], "secret", "private"];
            // A sign-up reply carries a random six-digit pairing code, which may happen to hold their last four digits.
            var shown = outcome.Reply is { } reply ? PairingCode().Replace(reply, "JOIN ######") : null;
            if (shown is { } text && private_.Any(t => text.Contains(t) && !input.Contains(t)))
                failures.Add($"{name}: the answer shows the other couple's data");
        }
        catch (Exception e)
        {
            failures.Add($"{name}: threw {e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
        var after = lastSnapshot = await Snapshot();
        if (may == May.ChangeNothing && after.DiffFrom(before) is { Count: > 0 } diff)
            failures.Add($"{name}: changed {string.Join(", ", diff.Take(5))}");
        var theirs = TheirRows(after);
        var theirsBefore = TheirRows(before);
        if (theirs.Count != theirsBefore.Count || theirs.Any(r => !theirsBefore.TryGetValue(r.Key, out var v) || v != r.Value))
            failures.Add($"{name}: the other couple's rows changed");
        return outcome;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"JOIN \d{4} \d{4} \d{4}\b")]
    private static partial System.Text.RegularExpressions.Regex PairingCode();

    private Task<StoreSnapshot> Snapshot() => StoreSnapshot.TakeScopedAsync(App.Tables, App.Queue, Mine, Theirs);

    private void AssertNoFailures(string category)
    {
        output.WriteLine($"{category}: {attacks} attacks.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {attacks} {category} attacks went wrong:\n{string.Join('\n', failures)}");
    }

    private Task<IActionResult> Inbound(string from, string body, string? sid = null) =>
        App.Function<SmsWebhook>().Inbound(Sms.Request("/api/sms", Sms.InboundForm(from, body, sid)), default);


    [Fact]
    public async Task Hostile_couple_ids_and_recap_weeks_in_the_admin_api_get_404_or_400_and_change_nothing()
    {
        var api = App.Function<CouplesApi>();
        foreach (var (payload, i) in Payloads.Select((p, i) => (p, i)))
        {
            await Attack($"GET id #{i}", May.ChangeNothing, () => api.Get(Http.Get(), payload, default), o => o.Status == 404);
            await Attack($"GET recap id #{i}", May.ChangeNothing, () => api.Recap(Http.Get(), payload, default), o => o.Status == 404);
            await Attack($"DELETE id #{i}", May.ChangeNothing, () => api.Delete(Http.Get("DELETE"), payload, default), o => o.Status == 404);
            // The other couple's id with something appended or prepended is not the other couple (the 404 may echo the
            // id asked for).
            await Attack($"GET their id + #{i}", May.ChangeNothing, () => api.Get(Http.Get(), Theirs.Id + payload, default), o => o.Status == 404, input: Theirs.Id + payload);
            await Attack($"DELETE their id + #{i}", May.ChangeNothing, () => api.Delete(Http.Get("DELETE"), Theirs.Id + payload, default), o => o.Status == 404, input: Theirs.Id + payload);
            await Attack($"DELETE #{i} + their id", May.ChangeNothing, () => api.Delete(Http.Get("DELETE"), payload + Theirs.Id, default), o => o.Status == 404, input: payload + Theirs.Id);
            var request = Http.Get();
            request.QueryString = QueryString.Create("week", payload);
            var blank = string.IsNullOrWhiteSpace(payload);
            await Attack($"recap week #{i}", May.ChangeNothing, () => api.Recap(request, Mine.Id, default), o => blank ? o.Status == 200 : o.Status == 400);
        }
        AssertNoFailures("admin id and week");
    }

    [Fact]
    public async Task Hostile_phone_numbers_and_names_on_enrollment_get_400_or_409_and_touch_no_other_couple()
    {
        var api = App.Function<CouplesApi>();
        static string Json(string nameA, string phoneA, string nameB, string phoneB) =>
            System.Text.Json.JsonSerializer.Serialize(new { partners = new[] { new { name = nameA, phone = phoneA }, new { name = nameB, phone = phoneB } } });
        foreach (var (payload, i) in Payloads.Select((p, i) => (p, i)))
        {
            await Attack($"create phone #{i}", May.ChangeNothing, () => api.Create(Http.Json("POST", Json("Ana", payload, "Sam", "+13125550191")), default), o => o.Status == 400);
            await Attack($"create their phone + #{i}", May.ChangeNothing, () => api.Create(Http.Json("POST", Json("Ana", Theirs.A.Phone + payload, "Sam", "+13125550191")), default), o => o.Status is 400 or 409, input: Theirs.A.Phone + payload);
            // Names are values, never keys: they either enroll a couple of new numbers or get 400.
            var phones = (A: $"+1312555{1000 + 2 * i:D4}", B: $"+1312555{1001 + 2 * i:D4}");
            await Attack($"create name #{i}", May.ChangeOnlyOwn, () => api.Create(Http.Json("POST", Json(payload, phones.A, "Sam", phones.B)), default), o => o.Status is 201 or 400);
        }
        // Their numbers, however written, conflict and change nothing of theirs.
        foreach (var written in new[] { Theirs.A.Phone, "(312) 555-0183", "+1 312 555 0183", "001 312 555 0183", "312.555.0183" })
            await Attack($"create with their number as {written.Length} chars", May.ChangeNothing, () => api.Create(Http.Json("POST", Json("Eve", written, "Mal", "+13125550199")), default), o => o.Status is 409 or 400, input: written);
        AssertNoFailures("enrollment");
    }

    [Fact]
    public async Task Hostile_senders_and_message_sids_get_an_answer_and_touch_no_other_couple()
    {
        foreach (var (payload, i) in FormPayloads.Select((p, i) => (p, i)))
        {
            // From is signed by Twilio, but the code must not trust it to be a number.
            await Attack($"From #{i}", May.ChangeOnlyOwn, () => Inbound(payload, "STOP"), o => o.Status is 200 or 400);
            await Attack($"MessageSid #{i}", May.ChangeOnlyOwn, () => Inbound(Mine.A.Phone, "STATUS", payload), o => o.Status is 200 or 400);
        }
        AssertNoFailures("sender");
    }

    [Fact]
    public async Task Hostile_keyword_arguments_change_only_the_sender_s_couple()
    {
        string[] keywords = ["TIME", "MORNING", "PAUSE", "RECAP", "RECAP sun", "ZONE", "SHARE", "DELETE", "STATUS", "HELP", "DONE", "SKIP", "RESUME", "YES", "STOP"];
        var arguments = KeywordPayloads.Concat([Theirs.A.Phone, Theirs.Id, "9pm " + Theirs.B.Phone, "Europe/Berlin' or '1", "America/../Europe/Berlin", "1 " + Theirs.Id]);
        foreach (var keyword in keywords)
        {
            foreach (var (argument, i) in arguments.Select((a, i) => (a, i)))
            {
                // Mine.B, so that an accidental STOP or DELETE YES here leaves Mine.A for the other tests.
                await Attack($"{keyword} argument #{i}", May.ChangeOnlyOwn, () => Inbound(Mine.B.Phone, $"{keyword} {argument}"), o => o.Status == 200, input: argument);
            }
        }
        AssertNoFailures("keyword");
    }

    [Fact]
    public async Task Hostile_status_callback_queries_signed_validly_change_nothing()
    {
        var sent = await App.Get<HistoryStore>().ReadOutboundAsync(Mine.Id, DateOnly.MinValue, new DateOnly(2100, 1, 1));
        var row = sent.First(r => r.Sid is not null);
        var theirRow = (await App.Get<HistoryStore>().ReadOutboundAsync(Theirs.Id, DateOnly.MinValue, new DateOnly(2100, 1, 1))).First(r => r.Sid is not null);
        Task<IActionResult> Status(string c, string r, string? sid = null)
        {
            var form = new Dictionary<string, string> { ["MessageSid"] = sid ?? row.Sid!, ["MessageStatus"] = "undelivered", ["ErrorCode"] = "21610" };
            var query = $"?c={Uri.EscapeDataString(c)}&r={Uri.EscapeDataString(r)}";
            return App.Function<SmsWebhook>().Status(Sms.Request("/api/sms/status", form, query: query), default);
        }
        foreach (var (payload, i) in Payloads.Select((p, i) => (p, i)))
        {
            await Attack($"c #{i}", May.ChangeNothing, () => Status(payload, row.RowKey), o => o.Status is 204 or 400);
            await Attack($"r #{i}", May.ChangeNothing, () => Status(Mine.Id, payload), o => o.Status is 204 or 400);
            await Attack($"c and r #{i}", May.ChangeNothing, () => Status(payload, payload), o => o.Status is 204 or 400);
            await Attack($"their c + #{i}", May.ChangeNothing, () => Status(Theirs.Id + payload, theirRow.RowKey, theirRow.Sid), o => o.Status is 204 or 400);
            await Attack($"their r + #{i}", May.ChangeNothing, () => Status(Theirs.Id, theirRow.RowKey + payload, theirRow.Sid), o => o.Status is 204 or 400);
        }
        // Their couple with my text's SID names no text of theirs.
        await Attack("their row with my sid", May.ChangeNothing, () => Status(Theirs.Id, theirRow.RowKey), o => o.Status == 204);
        AssertNoFailures("status callback");
    }

    [Fact]
    public async Task Hostile_sign_up_answers_get_a_hint_and_touch_no_other_couple()
    {
        foreach (var (payload, i) in FormPayloads.Select((p, i) => (p, i)))
        {
            var stranger = $"+1312555{2000 + i:D4}";
            await Attack($"sign-up JOIN #{i}", May.ChangeOnlyOwn, () => Inbound(stranger, "JOIN"), o => o.Status == 200);
            await Attack($"sign-up name #{i}", May.ChangeOnlyOwn, () => Inbound(stranger, payload), o => o.Status == 200);
            await Attack($"sign-up name Ana #{i}", May.ChangeOnlyOwn, () => Inbound(stranger, "Ana"), o => o.Status == 200);
            await Attack($"sign-up partner phone #{i}", May.ChangeOnlyOwn, () => Inbound(stranger, payload), o => o.Status == 200);
            await Attack($"sign-up their phone + #{i}", May.ChangeOnlyOwn, () => Inbound(stranger, Theirs.B.Phone + payload), o => o.Status == 200, input: Theirs.B.Phone);
            await Attack($"sign-up their phone #{i}", May.ChangeOnlyOwn, () => Inbound(stranger, Theirs.B.Phone), o => o.Status == 200 && o.Reply is not null && !o.Reply.Contains("invited"), input: Theirs.B.Phone);
            await Attack($"sign-up partner name #{i}", May.ChangeOnlyOwn, () => Inbound(stranger, payload), o => o.Status == 200);
        }
        AssertNoFailures("sign-up");
    }

    [Fact]
    public async Task Status_shows_only_the_sender_s_couple_and_their_numbers_as_arguments_change_nothing_of_theirs()
    {
        var (status, reply) = await App.TextAsync(Mine.A.Phone, "STATUS");
        Assert.Equal(200, status);
        Assert.NotNull(reply);
        Assert.DoesNotContain(Theirs.A.Phone[^4..], reply);
        Assert.DoesNotContain(Theirs.B.Phone[^4..], reply);
        Assert.DoesNotContain(Theirs.Id, reply);

        string[] texts = [$"PAUSE {Theirs.A.Phone}", $"ZONE {Theirs.A.Phone}", $"TIME 9pm {Theirs.A.Phone}", $"SHARE OFF {Theirs.A.Phone}",
            $"DELETE {Theirs.A.Phone}", $"DELETE YES {Theirs.A.Phone}", $"STOP {Theirs.A.Phone}", $"{Theirs.A.Phone} STOP", $"RECAP {Theirs.Id}", Theirs.B.Phone];
        foreach (var text in texts)
            await Attack($"argument naming them ({text.Split(' ')[0]})", May.ChangeOnlyOwn, () => Inbound(Mine.A.Phone, text), o => o.Status == 200, input: text);
        AssertNoFailures("cross-couple");
        var theirs = (await App.Get<CoupleStore>().GetAsync(Theirs.Id))!;
        Assert.Equal((ConsentState.OptedIn, ConsentState.OptedIn, false, false), (theirs.A.Consent, theirs.B.Consent, theirs.A.ShareOff, theirs.A.PausedUntil is not null));
    }

    [Fact]
    public async Task A_NUL_in_a_signed_form_value_gets_a_4xx_not_an_exception()
    {
        var outcome = await Attack("NUL in Body", May.ChangeNothing, () => Inbound(Mine.A.Phone, "calm\0"), o => o.Status is >= 400 and < 500);
        Assert.NotNull(outcome);
        AssertNoFailures("NUL");
    }

    [Fact]
    public async Task Regression_keys_from_input_that_table_storage_refuses_give_404_or_no_change_and_a_retried_odd_sid_is_still_deduplicated()
    {
        // Before TableKeys, each of these reached Table Storage as a key, got 400 and surfaced as a 500.
        var api = App.Function<CouplesApi>();
        Assert.Equal(404, Http.Status(await api.Get(Http.Get(), "a/b", default)));
        Assert.Equal(404, Http.Status(await api.Delete(Http.Get("DELETE"), "x#y", default)));
        var status = Sms.Request("/api/sms/status", new Dictionary<string, string> { ["MessageSid"] = "SMx", ["MessageStatus"] = "sent" }, query: "?c=a%2Fb&r=c%3Fd");
        Assert.Equal(204, Http.Status(await App.Function<SmsWebhook>().Status(status, default)));
        Assert.Equal(200, Sms.Read(await Inbound("a/b", "hello")).Status);

        const string oddSid = "SM/odd#sid?";
        var first = Sms.Read(await Inbound(Mine.A.Phone, "a quiet note", oddSid));
        var before = await Snapshot();
        var retry = Sms.Read(await Inbound(Mine.A.Phone, "a quiet note", oddSid));
        Assert.Equal(first, retry);
        Assert.Empty((await Snapshot()).DiffFrom(before));
    }
}
