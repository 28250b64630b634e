using System.Collections.Concurrent;
using System.Text;
using HappyTogether.Content.Reveals;
using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Faults;

/// <summary>10,000 random inbound texts through the signed webhook: a partner's text is never an error.</summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261126;
    private static readonly DateTimeOffset Evening = DueCouples.Evening;

    private static readonly string[] KeywordWords =
        ["STOP", "YES", "START", "HELP", "PAUSE", "RESUME", "SKIP", "TIME", "MORNING", "ZONE", "STATUS", "DONE", "SHARE", "RECAP", "JOIN", "UNSTOP", "QUIT", "END", "CANCEL"];

    [Fact]
    public async Task Ten_thousand_random_texts_get_200_and_valid_twiml_and_every_text_from_an_opted_in_partner_is_kept()
    {
        var random = new Random(Seed);
        var categories = new ConcurrentDictionary<string, int>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var kept = 0;
        // Ten apps of 1,000 texts each: Azurite scans a whole table per query, so smaller tables keep this quick.
        for (var round = 0; round < 10; round++)
            kept += await FuzzAsync(Enumerable.Range(0, 1000).Select(_ => Generate(random)).ToList(), categories);
        output.WriteLine($"10,000 texts in {watch.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", categories.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}; {kept} non-keyword texts from partners, all kept.");
        Assert.Equal(10_000, categories.Values.Sum());
    }

    /// <summary>Sends the texts to one app (4 couples, and strangers); returns how many partner texts had to be
    /// kept.</summary>
    private static async Task<int> FuzzAsync(IReadOnlyList<(string Category, string Body)> texts, ConcurrentDictionary<string, int> categories)
    {
        // A hundred texts a partner in one night: past the nightly cap on notes (FollowUpTests hold that cap), so
        // lifted here.
        await using var app = await TestApp.StartAsync(Evening.AddHours(-2), settings: new Dictionary<string, string?> { ["NotesPerNight"] = "100000" });
        var couples = await DueCouples.EnrollAndAskAsync(app, 4);

        var senders = couples.SelectMany(c => c.Partners.Select(p => (Couple: c, Phone: p.Phone))).ToList();
        // Each sender's texts in order (one person texts one at a time); the senders side by side. Some come from
        // strangers.
        var scripts = senders.Select(_ => new List<(string Category, string Body)>()).ToList();
        var strangers = new List<(string Category, string Body)>();
        for (var n = 0; n < texts.Count; n++)
        {
            if (n % 25 == 0) strangers.Add(texts[n]);
            else scripts[n % scripts.Count].Add(texts[n]);
        }

        var kept = new ConcurrentBag<(string CoupleId, string Sid)>();
        var failures = new ConcurrentQueue<string>();
        var webhook = app.Function<HappyTogether.Functions.SmsWebhook>();

        async Task SendAsync(string from, (string Category, string Body) text, Couple? couple)
        {
            categories.AddOrUpdate(text.Category, 1, (_, c) => c + 1);
            var sid = Sms.NewSid();
            app.Texted.Add(text.Body);
            int status;
            string? reply;
            try
            {
                (status, reply) = Sms.Read(await webhook.Inbound(Sms.Request("/api/sms", Sms.InboundForm(from, text.Body, sid)), default));
            }
            catch (Exception e)
            {
                failures.Enqueue($"{text.Category} {Escape(text.Body)}: {e.GetType().Name} {e.Message}");
                return;
            }
            // A NUL cannot come from a phone (Twilio turns GSM's 0x00 into "@"); ASP.NET Core refuses such a form, and
            // so does the app, with a 400.
            var unreadable = text.Body.Contains('\0');
            if (status != (unreadable ? 400 : 200)) failures.Enqueue($"{text.Category} {Escape(text.Body)}: HTTP {status}");
            if (unreadable) return;
            // A reply that carries the other's answer may take the reveal's three segments; every other, two.
            var limit = reply is not null && reply.Contains("'s answer: ", StringComparison.Ordinal) ? RevealText.MaxSegments : 2;
            if (reply is not null && Gsm7.Segments(reply) > limit) failures.Enqueue($"{text.Category} {Escape(text.Body)}: a {Gsm7.Segments(reply)}-segment reply");
            if (couple is null) return;
            var command = Keywords.Parse(text.Body);
            if (command.Keyword == Keyword.None) kept.Add((couple.Id, sid));
            // Opting out is the specified answer to a STOP look-alike; opt back in to keep fuzzing this partner.
            if (command.Keyword == Keyword.OptOut)
                await webhook.Inbound(Sms.Request("/api/sms", Sms.InboundForm(from, "START")), default);
        }

        await Task.WhenAll(senders.Select((s, i) => Task.Run(async () =>
        {
            foreach (var text in scripts[i]) await SendAsync(s.Phone, text, s.Couple);
        })).Append(Task.Run(async () =>
        {
            for (var i = 0; i < strangers.Count; i++) await SendAsync($"+1415555{i:D4}", strangers[i], null);
        })));

        Assert.True(failures.IsEmpty, $"{failures.Count} texts were not answered as specified, e.g.:\n" + string.Join("\n", failures.Take(10)) + string.Join("\n", app.Logs.Lines.Where(l => l.Contains("Storage failed")).Take(3)));
        Assert.DoesNotContain(app.Logs.Lines, l => l.StartsWith("Error") || l.StartsWith("Critical"));
        // Every non-keyword text from a partner is kept, as an answer, a note or a reaction, under its MessageSid.
        var stored = new HashSet<(string, string)>();
        await foreach (var row in app.Tables.History.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.GetString("Kind") == "answer" || e.GetString("Kind") == "note" || e.GetString("Kind") == "reacted"))
            stored.Add((row.PartitionKey, row.GetString("MessageSid")));
        var lost = kept.Where(k => !stored.Contains(k)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {kept.Count} texts were lost.");
        return kept.Count;
    }

    private static (string Category, string Body) Generate(Random random)
    {
        switch (random.Next(8))
        {
            case 0: return ("unicode", RandomText(random, random.Next(1, 200), AnyRange));
            case 1: return ("emoji", string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Emoji[random.Next(Emoji.Length)])));
            case 2: return ("control", RandomText(random, random.Next(1, 40), ControlRange) + RandomText(random, random.Next(0, 20), AsciiRange));
            case 3: return ("1600 chars", RandomText(random, 1600, random.Next(2) == 0 ? AsciiRange : AnyRange));
            case 4: return ("empty or blank", string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => Blanks[random.Next(Blanks.Length)])));
            case 5: return ("keyword look-alike", LookAlike(random));
            case 6: return ("right-to-left", RightToLeft[random.Next(RightToLeft.Length)] + (random.Next(2) == 0 ? " \u202E" + RandomText(random, 10, AsciiRange) : ""));
            default: return ("answer", Answers[random.Next(Answers.Length)] + " " + RandomText(random, random.Next(0, 30), AsciiRange));
        }
    }

    private static readonly (int From, int To)[] AsciiRange = [(0x20, 0x7E)];
    private static readonly (int From, int To)[] ControlRange = [(0x00, 0x1F), (0x7F, 0x9F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069), (0xFEFF, 0xFEFF)];
    private static readonly (int From, int To)[] AnyRange =
        [(0x00, 0x7F), (0x80, 0x24F), (0x300, 0x36F), (0x370, 0x52F), (0x590, 0x6FF), (0x900, 0x97F), (0x2000, 0x2BFF), (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xE000, 0xF8FF), (0xFF00, 0xFFEF), (0x1F300, 0x1FAFF), (0x10000, 0x1007F), (0x1D400, 0x1D7FF)];

    private static readonly string[] Emoji = ["😀", "❤️", "👩‍❤️‍👨", "👍🏽", "🇺🇸", "🏳️‍🌈", "😢", "🙏", "🔥", "💤", "1️⃣", "👨‍👩‍👧‍👦", "🫶", "\u2764"];
    private static readonly string[] Blanks = [" ", "\t", "\n", "\r\n", "\u00A0", "\u3000", "\u2003", "\u200B"];
    private static readonly string[] RightToLeft = ["אני מרגיש טוב היום", "كان يوما جميلا معا", "سعيد", "שמח 😀", "\u202Bmixed עברית and English\u202C"];
    private static readonly string[] Answers = ["We cooked together, happy", "tired", "Long walk. calm", "ok", "Felt a bit lonely", "grateful!!", "stressed 😩", "Her laugh at dinner"];

    /// <summary>Keyword words bent: case, spacing, punctuation, homoglyphs, zero-width characters, odd
    /// arguments.</summary>
    private static string LookAlike(Random random)
    {
        var word = KeywordWords[random.Next(KeywordWords.Length)];
        var bent = random.Next(9) switch
        {
            0 => word.ToLowerInvariant(),
            1 => string.Join(" ", word.ToCharArray()),
            2 => word + new string('!', random.Next(1, 4)),
            3 => word.Replace('O', 'О').Replace('E', 'Е').Replace('C', 'С'),
            4 => word.Insert(random.Next(1, word.Length), "\u200B"),
            5 => new string(word.Select(c => (char)(c + 0xFEE0)).ToArray()),
            6 => word + "S",
            7 => word[..^1],
            _ => word,
        };
        var argument = random.Next(7) switch
        {
            0 => "",
            1 => " 25:99",
            2 => " -1",
            3 => " 99999999999999999999",
            4 => " ' or 1 eq 1 or '",
            5 => " 9pm tomorrow please",
            _ => " " + RandomText(random, random.Next(1, 12), AnyRange),
        };
        return bent + argument;
    }

    private static string RandomText(Random random, int length, (int From, int To)[] ranges)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            var (from, to) = ranges[random.Next(ranges.Length)];
            var code = random.Next(from, to + 1);
            // Lone surrogates cannot be encoded in UTF-8, so no phone can send them; nor may a pair overshoot the
            // length.
            if (code is >= 0xD800 and <= 0xDFFF || text.Length + char.ConvertFromUtf32(code).Length > length) continue;
            text.Append(char.ConvertFromUtf32(code));
        }
        return text.ToString();
    }

    private static string Escape(string body) =>
        string.Concat(body.Take(40).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
