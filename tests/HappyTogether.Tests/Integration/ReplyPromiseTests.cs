using System.Globalization;
using System.Text.RegularExpressions;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Suppression;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// What a reply promises, held in the test's own words rather than compared with the product's
/// constants: each text says what a person must be able to read (how to stop, how to come back, what
/// it costs, by when), and where it names a keyword, a date or a time limit, the test texts it back
/// through the signed webhook and sees the promise kept.
/// </summary>
public partial class ReplyPromiseTests
{
    // Monday 2027-01-04, 07:00 in Chicago: invitations go out at once.
    private static readonly DateTimeOffset Waking = new(2027, 1, 4, 13, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private const string Ana = "+13125550181";
    private const string Sam = "+13125550182";
    private const string Contact = "help@happytogether.example.org";

    /// <summary>The keyword as a word of its own, in capitals, as a person is told to text it.</summary>
    private static void Names(string keyword, string? text) =>
        Assert.True(text is not null && Regex.IsMatch(text, $@"(?<![A-Za-z]){Regex.Escape(keyword)}(?![A-Za-z])"), $"'{keyword}' is not named in: {text}");

    /// <summary>The carriers' cost disclosure, however the ampersand is spaced.</summary>
    private static void SaysRatesMayApply(string? text) =>
        Assert.True(text is not null && RatesMayApply().IsMatch(text), $"No 'Msg & data rates may apply' in: {text}");

    private static DateOnly LocalDate(DateTimeOffset utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, Chicago).DateTime);

    private static async Task<Couple> CoupleAsync(TestApp app, string id) => (await app.Get<CoupleStore>().GetAsync(id))!;

    [Theory]
    [InlineData("member", "S T O P")]
    [InlineData("member", "please stop texting me")]
    [InlineData("invitee", "Opt-out")]
    [InlineData("stranger", "unsubscribe me")]
    public async Task The_opt_out_confirmation_says_they_are_unsubscribed_and_that_START_brings_them_back(string who, string words)
    {
        await using var app = await TestApp.StartAsync(Waking);
        var phone = who switch { "member" => Ana, "invitee" => Sam, _ => "+13125550199" };
        Couple? couple = who switch
        {
            "member" => await app.EnrollOptedInAsync(),
            "invitee" => await app.EnrollAsync(),
            _ => null,
        };
        await app.DrainQueueAsync();

        var reply = (await app.TextAsync(phone, words)).Reply;
        Assert.Contains("unsubscribed", reply, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"(?i)\b(won't|will not) get (any )?more texts|\bno more texts", reply);
        Names("START", reply);
        Assert.True(await app.Get<SuppressionList>().ContainsAsync(phone));

        // They do what it says: START lifts the stop, and a member is back in.
        await app.TextAsync(phone, "START");
        await app.DrainQueueAsync();
        Assert.False(await app.Get<SuppressionList>().ContainsAsync(phone));
        if (who == "member") Assert.Equal(ConsentState.OptedIn, (await CoupleAsync(app, couple!.Id)).A.Consent);
    }

    [Theory]
    [InlineData("member")]
    [InlineData("member after STOP")]
    [InlineData("stranger")]
    public async Task Help_names_the_program_how_to_stop_what_it_costs_and_whom_to_ask(string who)
    {
        await using var app = await TestApp.StartAsync(Waking, settings: new Dictionary<string, string?> { ["OperatorContact"] = Contact });
        var phone = who == "stranger" ? "+13125550199" : Ana;
        if (who != "stranger") await app.EnrollOptedInAsync();
        if (who == "member after STOP") await app.TextAsync(Ana, "STOP");

        var help = (await app.TextAsync(phone, "HELP")).Reply;
        Assert.Contains("HappyTogether", help);
        Names("STOP", help);
        SaysRatesMayApply(help);
        Assert.Contains(Contact, help);
        if (who == "stranger")
        {
            Names("JOIN", help);
        }
        else
        {
            // A member's HELP is one text, and names MORE; texted back, MORE lists what they can text: at least a
            // break, coming back from it, and erasing their data, in at most two texts.
            Assert.True(help!.Length <= 160, help);
            Names("MORE", help);
            var more = (await app.TextAsync(phone, "MORE")).Reply;
            foreach (var keyword in new[] { "PAUSE", "RESUME", "DELETE", "STOP" }) Names(keyword, more);
            Assert.True(more!.Length <= 2 * 153, more);
        }
    }

    [Fact]
    public async Task The_delete_ask_names_DELETE_YES_and_ten_minutes_and_erases_only_within_them()
    {
        await using var app = await TestApp.StartAsync(Waking);
        var couple = await app.EnrollOptedInAsync();

        var ask = (await app.TextAsync(Ana, "DELETE")).Reply;
        Names("DELETE YES", ask);
        var window = Regex.Match(ask!, @"within (\d+) minutes");
        Assert.True(window.Success, ask);
        Assert.Equal(10, int.Parse(window.Groups[1].Value, CultureInfo.InvariantCulture));
        var minutes = TimeSpan.FromMinutes(10);

        // A second too late: nothing is erased, and the reply says to start with DELETE.
        app.Clock.Advance(minutes + TimeSpan.FromSeconds(1));
        var late = (await app.TextAsync(Ana, "DELETE YES")).Reply;
        Names("DELETE", late);
        Assert.NotNull(await app.Get<CoupleStore>().GetAsync(couple.Id));

        // A second inside them: everything about both goes.
        await app.TextAsync(Ana, "DELETE");
        app.Clock.Advance(minutes - TimeSpan.FromSeconds(1));
        await app.TextAsync(Ana, "DELETE YES");
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().GetAsync(couple.Id));
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Ana));
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Sam));
    }

    [Fact]
    public async Task Pause_names_the_last_day_off_and_RESUME_and_both_hold()
    {
        await using var app = await TestApp.StartAsync(Waking);
        var couple = await app.EnrollOptedInAsync();
        var pausedAt = app.Clock.GetUtcNow();

        // Monday 4 January, a week off: the seventh day, counting today, is Sunday 10 January.
        var toAna = (await app.TextAsync(Ana, "PAUSE 7")).Reply;
        var toSam = (await app.TextAsync(Sam, "pause 7")).Reply;
        foreach (var reply in new[] { toAna, toSam })
        {
            Assert.Contains("until Jan 10", reply);
            Names("RESUME", reply);
        }

        // Sam does what it says on Tuesday morning, 07:00 in Chicago; Ana stays paused.
        await app.RunTimerAsync(TimerMarks.Marks(app.Clock.GetUtcNow(), new DateTimeOffset(2027, 1, 5, 13, 0, 0, TimeSpan.Zero) - app.Clock.GetUtcNow()));
        await app.TextAsync(Sam, "RESUME");
        // To Monday 11 January, 21:00 in Chicago.
        await app.RunTimerAsync(TimerMarks.Marks(app.Clock.GetUtcNow(), new DateTimeOffset(2027, 1, 12, 3, 0, 0, TimeSpan.Zero) - app.Clock.GetUtcNow()));

        static List<DateOnly> Days(IEnumerable<ReceivedText> texts, DateTimeOffset after) =>
            texts.Where(t => t.Utc > after && t.Kind is "morning" or "evening").Select(t => LocalDate(t.Utc)).Distinct().Order().ToList();
        var anaDays = Days(await app.ReceivedAsync(couple, "a"), pausedAt);
        var samDays = Days(await app.ReceivedAsync(couple, "b"), pausedAt);
        // Nothing to Ana through the day the reply named; her texts are back the day after.
        Assert.Equal([new DateOnly(2027, 1, 11)], anaDays);
        // Sam's RESUME brought his back from that same day.
        Assert.Equal(Enumerable.Range(5, 7).Select(d => new DateOnly(2027, 1, d)), samDays);
    }

    [Fact]
    public async Task An_invitation_says_who_invited_what_it_costs_and_how_to_decline_and_declining_stops_everything()
    {
        await using var app = await TestApp.StartAsync(Waking);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();

        var invitation = Assert.Single(await app.ReceivedAsync(couple, "b")).Body;
        Assert.Contains("HappyTogether", invitation);
        Assert.Contains("Ana", invitation);
        Names("YES", invitation);
        Names("STOP", invitation);
        SaysRatesMayApply(invitation);

        // Sam declines as it says; Ana joins. A day of the program later, Sam has had nothing more.
        await app.TextAsync(Sam, "STOP");
        await app.TextAsync(Ana, "YES");
        await app.DrainQueueAsync();
        await app.RunTimerAsync(TimerMarks.Marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(1)));
        Assert.Equal([invitation], (await app.ReceivedAsync(couple, "b")).Select(t => t.Body));
        Assert.Contains(await app.ReceivedAsync(couple, "a"), t => t.Kind == "morning");
        Assert.Equal(ConsentState.OptedOut, (await CoupleAsync(app, couple.Id)).B.Consent);
    }

    [Fact]
    public async Task An_invitation_from_an_sms_sign_up_shows_the_inviters_last_digits_and_how_to_decline()
    {
        await using var app = await TestApp.StartAsync(Waking);
        await app.SignUpAsync(Ana, "Ana", Sam, "Sam");
        await app.DrainQueueAsync();
        var couple = (await app.Get<CoupleStore>().FindByPhoneAsync(Ana))!.Value.Couple;

        var invitation = Assert.Single(await app.ReceivedAsync(couple, "b")).Body;
        Assert.Contains("Ana", invitation);
        Assert.Contains("0181", invitation);
        Assert.DoesNotContain("5550181", invitation);
        Names("STOP", invitation);
        SaysRatesMayApply(invitation);
    }

    [Fact]
    public async Task The_confirmation_after_yes_names_HELP_and_STOP_and_what_it_costs()
    {
        await using var app = await TestApp.StartAsync(Waking);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        await app.TextAsync(Sam, "YES");
        await app.DrainQueueAsync();

        var confirmation = Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == "confirmation").Body;
        Names("HELP", confirmation);
        Names("STOP", confirmation);
        SaysRatesMayApply(confirmation);
    }

    [GeneratedRegex(@"Msg ?& ?data rates may apply")]
    private static partial Regex RatesMayApply();
}
