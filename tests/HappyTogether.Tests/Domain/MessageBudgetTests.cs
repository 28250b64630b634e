using System.Globalization;
using System.Text.Json;
using HappyTogether.Content.Prompts;
using HappyTogether.Content.Recap;
using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Text;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// Every message of the catalog, each variant, rendered with every placeholder at its longest: within its
/// segment budget and in the GSM-7 basic table, counted here with a table of our own.
/// </summary>
public class MessageBudgetTests(ITestOutputHelper output)
{
    // The catalog of the language texts are written in now: English, or Spanish inside Languages.Use("es").
    private static MessageCatalog Catalog => MessageCatalog.For();
    private static readonly string LongestName = new('W', Enrollment.MaxNameLength);

    /// <summary>
    /// The longest value each placeholder can carry. The catalog declares the names; one without an entry
    /// here fails <see cref="Every_placeholder_the_catalog_declares_has_a_worst_case"/>.
    /// </summary>
    private static readonly Dictionary<string, Func<string>> WorstCases = new()
    {
        // Names are 20 characters at most (Enrollment), spelled in GSM-7 for texts (Partner.TextName).
        ["name"] = () => LongestName,
        ["partner"] = () => LongestName,
        ["who"] = () => Longest([LongestName, Catalog.Render("recap.you")]),
        ["invited-by"] = () => new string('W', ProgramTexts.MaxInvitedByLength),
        ["contact"] = () => new string('x', ReplyTexts.MaxContactLength),
        ["line"] = () => new string('x', HappyTogether.Foundation.Care.CareLines.MaxLineLength),
        ["inviters"] = () =>
            string.Join(", ", Enumerable.Repeat(ReplyTexts.Inviter(Named(LongestName)), ReplyTexts.MaxInvitersNamed)),
        ["digits"] = () => "0182",
        ["phone"] = () => PhoneMask.Mask("+13125550182"),
        ["code"] = () => PairingCodes.Display(new string('9', PairingCodes.Digits)),
        // The longest link the app makes: the longest PublicBaseUrl the settings allow, a path, "?" and a token.
        ["link"] = () => "https://" + new string('h', RecapText.MaxBaseUrlLength - "https://".Length)
            + Longest([SignedLinks.ExportPath, SignedLinks.WeekPath, SignedLinks.NightPath]) + "?" + new string('t', SignedLinks.TokenLength),
        ["time"] = LongestClock,
        ["morning"] = LongestClock,
        ["evening"] = LongestClock,
        ["start"] = LongestClock,
        ["end"] = LongestClock,
        ["zone"] = LongestZone,
        ["day"] = () => Longest(Enum.GetNames<DayOfWeek>()),
        // Dates as either reader writes them (DateText): month first for a US number, day first elsewhere.
        ["until"] = () => LongestDate(DateText.Short),
        ["date"] = () => LongestDate(DateText.Short),
        ["when"] = () => LongestDate(DateText.WithDay),
        ["days"] = () => Number(Math.Max((int)SignedLinks.ExportLifetime.TotalDays, Occasion.HeadsUpDays)),
        // A streak has no end: five digits are 273 years of nights.
        ["count"] = () => "99999",
        ["run"] = () => "99999",
        ["nights"] = () => "7",
        ["hidden"] = () => "99",
        ["mood"] = LongestMoodWord,
        ["word"] = LongestMoodWord,
        // The recap shows three words a partner; three that came every night make a long list.
        ["words"] = () => string.Join(", ", Enumerable.Repeat(
            Catalog.Render("recap.word-count", ("word", LongestMoodWord()), ("count", "7")), RecapText.WordsShown)),
        // The partner's own words go whole within the budget, or as an opening the composer cuts to it (then the
        // reveal.more link follows, budgeted on its own): at least the ellipsis is left.
        ["answer"] = () => "...",
        ["reaction"] = () => "...",
        // Parts worded by other messages: their longest rendering.
        ["cadence"] = () => LongestOf("cadence"),
        ["streak"] = () => LongestOf("reply.status-streak"),
        ["got"] = () => LongestOf("reply.answer-got"),
        ["lead"] = () => LongestOf("reply.reveal-lead"),
        ["dates"] = () =>
            string.Join(", ", Catalog["reply.dates-item"].Variants.Keys.Select(v => Render("reply.dates-item", v))),
        ["question"] = () => PromptCatalog.Load().Questions.Select(p => p.Render(LongestName)).MaxBy(q => q.Length)!,
        // A ritual's name as RITUAL keeps it; every household facet HOME can set at once.
        ["what"] = () => new string('W', Ritual.MaxWhat),
        ["home"] = () => string.Join(", ", new[] { "apart", "no-kids", "no-spending", "no-walks" }.Select(f => Render("home-facet", f))),
    };

    public static TheoryData<string, string> Wordings()
    {
        var data = new TheoryData<string, string>();
        foreach (var message in Catalog.All)
            foreach (var variant in message.Variants.Keys) data.Add(message.Id, variant);
        return data;
    }

    [Fact]
    public void Every_placeholder_the_catalog_declares_has_a_worst_case()
    {
        var missing = Catalog.All.SelectMany(m => m.Placeholders.Select(p => (m.Id, Placeholder: p)))
            .Where(p => !WorstCases.ContainsKey(p.Placeholder)).Select(p => $"{{{p.Placeholder}}} in {p.Id}").ToList();
        Assert.True(missing.Count == 0, $"Give these a worst case in WorstCases: {string.Join(", ", missing)}.");
    }

    [Theory]
    [MemberData(nameof(Wordings))]
    public void Every_Spanish_wording_at_its_longest_keeps_to_its_budget_and_to_GSM7(string id, string variant)
    {
        // Spanish is written with every accent; a text over one UCS-2 segment goes without the ones GSM-7 lacks.
        using var spanish = Languages.Use(Languages.Spanish);
        Every_wording_at_its_longest_keeps_to_its_budget_and_to_GSM7(id, variant);
    }

    [Theory]
    [MemberData(nameof(Wordings))]
    public void Every_wording_at_its_longest_keeps_to_its_budget_and_to_GSM7(string id, string variant)
    {
        var message = Catalog[id];
        var text = Render(id, variant);
        var segments = Segments(text);
        output.WriteLine($"{id} {variant}: {text.Length} characters, {segments} segment(s): {text}");
        if (message.Gsm7)
        {
            // Accents GSM-7 lacks are kept only where they cost nothing: in a text of one UCS-2 segment.
            var judged = Languages.Current != Languages.English && text.Length <= 70 ? Gsm7.WithoutAccents(text) : text;
            var outside = judged.Where(c => !Gsm7BasicTable.Contains(c)).Distinct().ToList();
            Assert.True(outside.Count == 0, $"{id} {variant} has characters outside GSM-7: {string.Concat(outside)}");
        }
        Assert.True(
            segments <= message.Segments,
            $"{id} {variant}: {text.Length} characters, {segments} segments, over its {message.Segments}: {text}");
        Assert.Equal(Gsm7.Segments(text), segments);
    }

    /// <summary>
    /// The weekly recap at its longest, as a whole: seven nights, 20-character names, each partner's three longest
    /// lexicon words with counts (3, 2, 2), the longest week link. What must stay fits two segments; with the care line
    /// and the longest care link, three.
    /// </summary>
    [Fact]
    public void The_recaps_must_stays_at_their_longest_fit_two_segments_and_three_with_the_care_line()
    {
        var lexicon = MoodLexicon.Load();
        var nudges = Nudges.Load();
        var longest = LexiconWords().OrderByDescending(w => w.Length).Take(RecapText.WordsShown).ToArray();
        // Word 1 came first of the two used twice (back 5 and 6), so it comes before word 2.
        var nights = new[] { 0, 0, 0, 2, 2, 1, 1 };
        var sunday = new DateOnly(2027, 1, 10);
        var answers = nights.SelectMany((word, back) => new[] { "a", "b" }.Select(p =>
            new AnswerRecord(sunday.AddDays(-back), p, "answer") { Mood = longest[word], MoodRecognized = true, MessageSid = $"SM{p}{back}" })).ToList();
        var couple = new Couple { Id = "0123456789abcdef", CreatedUtc = DateTimeOffset.UnixEpoch, TimeZone = "America/Chicago", A = Named(LongestName), B = Named(LongestName, "b") };
        var week = WeeklyRecap.Compute(couple, sunday, answers, [], 99999, lexicon, nudges);
        var link = "https://" + new string('h', RecapText.MaxBaseUrlLength - "https://".Length) + SignedLinks.WeekPath + "?" + new string('t', SignedLinks.TokenLength);
        var careLink = "https://" + new string('c', RecapText.MaxLinkSettingsLength - RecapText.MaxBaseUrlLength - "https://".Length);
        var list = $"{longest[0]} x3, {longest[1]} x2, {longest[2]} x2.";
        foreach (var care in new[] { false, true })
        {
            var recap = week with { Partners = [week["a"] with { Care = care }, week["b"]] };
            var text = RecapText.Render(couple, recap, "a", nudges, careLink, link);
            output.WriteLine($"{(care ? "Care week" : "Week")}: {text.Length} characters, {Segments(text)} segment(s): {text}");
            Assert.Contains($"You: {list} {LongestName}: {list}", text);
            Assert.EndsWith(link, text);
            Assert.Equal(care ? 3 : 2, Segments(text));
        }
    }

    /// <summary>Our own GSM 03.38 basic table, apart from the product's, so one slip cannot hide in both.</summary>
    [Fact]
    public void The_independent_table_has_the_127_printable_and_control_characters_of_GSM_03_38()
    {
        Assert.Equal(127, Gsm7BasicTable.Count);
        Assert.DoesNotContain('[', Gsm7BasicTable);
        Assert.DoesNotContain('€', Gsm7BasicTable);
        Assert.Contains('Ξ', Gsm7BasicTable);
    }

    [Fact]
    public void Worst_cases_are_at_least_as_long_as_the_values_the_app_makes_today()
    {
        Assert.Equal(7, LongestClock().Length);
        Assert.Equal("Comodoro Rivadavia", LongestZone());
        Assert.Equal("Jan 10".Length, WorstCases["date"]().Length);
        Assert.Equal("Sat, Jan 10".Length, WorstCases["when"]().Length);
        Assert.Equal(130, WorstCases["link"]().Length);
        Assert.Equal("Wednesday", WorstCases["day"]());
    }

    private static string Render(string id, string variant)
    {
        var message = Catalog[id];
        var values = message.Placeholders.Select(p => (p, WorstCases[p]())).ToArray();
        return Catalog.RenderVariant(id, variant, values);
    }

    private static string LongestOf(string id) => Longest(Catalog[id].Variants.Keys.Select(v => Render(id, v)));

    private static string Longest(IEnumerable<string> texts) => texts.MaxBy(t => t.Length)!;

    private static string LongestClock() => Longest(Enumerable.Range(0, 24 * 60)
        .Select(m => TimeOnly.MinValue.AddMinutes(m))
        .SelectMany(t => new[] { ClockText.Format(t, true), ClockText.Format(t, false) }));

    // Any zone a partner can be given (the system's, Windows ids stored as IANA, and the longest IANA link), as texts
    // say it ("Chicago").
    private static string LongestZone() => Longest(TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)
        .Append("America/Argentina/ComodRivadavia")
        .Select(id => ZoneNames.TryNormalize(id, out var iana) ? ZoneNames.Spoken(iana) : ""));

    private static string LongestDate(Func<DateOnly, bool, string> format) => Longest(Enumerable.Range(0, 366)
        .Select(d => new DateOnly(2028, 1, 1).AddDays(d))
        .SelectMany(date => new[] { format(date, true), format(date, false) }));

    // As the reader sees it: the word itself, or its name in their language (MoodNames).
    private static string LongestMoodWord() => Longest(LexiconWords().Select(MoodNames.Of));

    private static List<string> LexiconWords()
    {
        using var stream = typeof(MessageCatalog).Assembly
            .GetManifestResourceStream("HappyTogether.Foundation.Moods.lexicon.json")!;
        using var lexicon = JsonDocument.Parse(stream);
        return [.. lexicon.RootElement.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("word").GetString()!)];
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static Partner Named(string name, string key = "a") => new()
    {
        Key = key,
        Name = name,
        Phone = "+13125550182",
        TimeZone = "America/Chicago",
        MorningTime = new(8, 0),
        EveningTime = new(20, 30),
    };

    /// <summary>SMS segments of a text in the basic table: 160 septets in one, 153 per segment beyond.</summary>
    private static int Segments(string text) => text.Length <= 160 ? 1 : (text.Length + 152) / 153;

    /// <summary>
    /// GSM 03.38's basic table: printable ASCII but for ` [ \ ] ^ { | } ~, line feed and carriage return,
    /// and 39 letters and signs.
    /// </summary>
    private static readonly HashSet<char> Gsm7BasicTable =
    [
        .. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => !"`[\\]^{|}~".Contains(c)),
        '\n', '\r',
        .. "\u00A3\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\u00D8\u00F8\u00C5\u00E5",
        .. "\u0394\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E",
        .. "\u00C6\u00E6\u00DF\u00C9\u00A4\u00A1\u00C4\u00D6\u00D1\u00DC\u00A7\u00BF\u00E4\u00F6\u00F1\u00FC\u00E0",
    ];
}
