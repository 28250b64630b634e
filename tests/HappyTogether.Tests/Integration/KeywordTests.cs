using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>Consent and keyword texts through the signed webhook, against Azurite.</summary>
public class KeywordTests
{
    // Monday 2027-01-04, 06:00 in Chicago.
    private static readonly DateTimeOffset Morning = new(2027, 1, 4, 12, 0, 0, TimeSpan.Zero);

    private static async Task<Couple> CoupleAsync(TestApp app, string id) => (await app.Get<CoupleStore>().GetAsync(id))!;

    /// <summary>Runs the schedule every five minutes, on the clock's five-minute marks, for the given time.</summary>
    private static Task RunScheduleAsync(TestApp app, TimeSpan span)
    {
        var step = TimeSpan.FromMinutes(5);
        var end = app.Clock.GetUtcNow() + span;
        var now = app.Clock.GetUtcNow();
        var first = new DateTimeOffset(now.UtcTicks - now.UtcTicks % step.Ticks, TimeSpan.Zero) + step;
        // Mark after mark while the clock is before the end, as the loop that ticked each one did.
        return app.RunTimerAsync(TimerMarks.Every(first, step).TakeWhile(m => m - step < end));
    }

    // Monday 2027-01-04, 07:00 in Chicago: invitations go out at once.
    private static readonly DateTimeOffset Waking = new(2027, 1, 4, 13, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("YES")]
    [InlineData("yes")]
    [InlineData(" Yes! ")]
    [InlineData("Sí")]
    [InlineData("si")]
    public async Task A_yes_to_an_invitation_that_reached_the_partner_opts_them_in_and_confirms(string word)
    {
        await using var app = await TestApp.StartAsync(Waking);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();

        var (status, reply) = await app.TextAsync(couple.A.Phone, word);
        Assert.Equal((200, null), (status, reply));
        await app.DrainQueueAsync();

        var stored = await CoupleAsync(app, couple.Id);
        Assert.Equal(ConsentState.OptedIn, stored.A.Consent);
        Assert.Equal("sms:opt-in", stored.A.ConsentMethod);
        Assert.Equal(ConsentState.Invited, stored.B.Consent);
        // The invitation did not know their language: "Sí" starts them in Spanish, "YES" in English.
        var spanish = word.Trim().StartsWith('s') || word.Trim().StartsWith('S');
        Assert.Equal(spanish ? "es" : "en", stored.A.Language);
        Assert.Contains(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Confirmation && t.Body.Contains(spanish ? "Pueden aplicar tarifas" : "Msg & data rates may apply"));
        var consent = Assert.Single(await app.Get<CoupleStore>().ReadConsentLogAsync(couple.Id));
        // What they agreed to: the invitation as it reached them, English with its Spanish line.
        stored.A.Language = null;
        Assert.Contains(ProgramTexts.Invitation(stored, stored.A), consent.GetString("Disclosure"));
        Assert.Contains("¿Prefieres español? Responde SI.", consent.GetString("Disclosure"));
    }

    // Twilio confirms its own words as it sees them; the app confirms once the forms Twilio does not see.
    [Theory]
    [InlineData("STOP", false)]
    [InlineData("Quit.", false)]
    [InlineData("REVOKE", false)]
    [InlineData("S T O P", true)]
    [InlineData("Opt-out", true)]
    [InlineData("ＳＴＯＰ", true)] // full-width letters
    public async Task Every_opt_out_word_stops_all_texts_at_once_without_an_ack(string word, bool confirmed)
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        // 07:01 in Chicago, inside Sam's waking hours; the notice to him is sent before the day runs.
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var stoppedAt = app.Clock.GetUtcNow();
        var (status, reply) = await app.TextAsync(couple.A.Phone, word);
        Assert.Equal((200, confirmed ? ReplyTexts.OptedOut : null), (status, reply));
        Assert.Equal(ConsentState.OptedOut, (await CoupleAsync(app, couple.Id)).A.Consent);
        await app.DrainQueueAsync();

        // A whole day of due slots: nothing more to that number, not even replies to texts.
        await RunScheduleAsync(app, TimeSpan.FromDays(1));
        Assert.Null((await app.TextAsync(couple.A.Phone, "hello?")).Reply);
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Utc >= stoppedAt);
        // The other partner keeps their own texts and hears only that reveals are off.
        var toSam = (await app.ReceivedAsync(couple, "b")).Where(t => t.Utc >= stoppedAt).ToList();
        Assert.Equal(ProgramTexts.RevealsOff, toSam.First().Body);
        Assert.Contains(toSam, t => t.Kind == TextKind.Morning);
        Assert.DoesNotContain(toSam, t => t.Body.Contains("STOP", StringComparison.Ordinal) && t.Kind == TextKind.RevealsOff);
    }

    [Fact]
    public async Task Start_after_stop_opts_back_in_and_texts_resume()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        await app.TextAsync(couple.A.Phone, "STOP");
        await RunScheduleAsync(app, TimeSpan.FromHours(12));
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Kind is TextKind.Morning or TextKind.Evening);

        Assert.Equal(ReplyTexts.Help(null), (await app.TextAsync(couple.A.Phone, "HELP")).Reply);
        Assert.Null((await app.TextAsync(couple.A.Phone, "START")).Reply);
        await app.DrainQueueAsync();
        Assert.Equal(ConsentState.OptedIn, (await CoupleAsync(app, couple.Id)).A.Consent);
        await RunScheduleAsync(app, TimeSpan.FromDays(1));
        var received = await app.ReceivedAsync(couple, "a");
        Assert.Equal(2, received.Count(t => t.Kind == TextKind.Confirmation));
        Assert.Contains(received, t => t.Kind == TextKind.Morning);
        Assert.Equal(3, (await app.Get<CoupleStore>().ReadConsentLogAsync(couple.Id)).Count(r => r.GetString("Partner") == "a"));
    }

    [Fact]
    public async Task Help_carries_the_operator_contact_and_fits_one_text()
    {
        const string contact = "help@happytogether.example.org";
        await using var app = await TestApp.StartAsync(Morning, settings: new Dictionary<string, string?> { ["OperatorContact"] = contact });
        var couple = await app.EnrollOptedInAsync();
        var help = (await app.TextAsync(couple.A.Phone, "HELP")).Reply!;
        Assert.Equal(
            $"HappyTogether: couple check-ins, 2 texts/day. Msg&data rates may apply. MORE for keywords, STOP to end. Help: {contact}",
            help);
        Assert.EndsWith($"Help: {contact}", (await app.TextAsync("+13125550199", "help")).Reply);
        var longest = ReplyTexts.Help(new string('x', ReplyTexts.MaxContactLength));
        Assert.Equal(1, HappyTogether.Foundation.Text.Gsm7.Segments(longest));
        Assert.Contains("Msg&data rates may apply", ReplyTexts.Help(null));
        Assert.Contains("MORE", ReplyTexts.Help(null));
    }

    [Fact]
    public async Task Export_replies_with_a_signed_link_to_the_senders_own_data_only()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        var reply = (await app.TextAsync(couple.B.Phone, "EXPORT")).Reply!;
        Assert.True(HappyTogether.Foundation.Text.Gsm7.Segments(reply) <= 2, reply);
        var link = reply[reply.IndexOf("https://", StringComparison.Ordinal)..];
        Assert.StartsWith($"{Sms.PublicBaseUrl}/api/x?", link);
        Assert.DoesNotContain(couple.Id, link);
        var links = app.Get<HappyTogether.Foundation.Links.SignedLinks>();
        Assert.True(links.TryRead(Http.TokenOf(link), HappyTogether.Foundation.Links.LinkPurpose.Export, out var claims));
        Assert.Equal((couple.Id, "b"), (claims.CoupleId, claims.Partner));
        Assert.False(links.TryRead(Http.TokenOf(link), HappyTogether.Foundation.Links.LinkPurpose.Week, out _));
        // An invited partner has nothing to export yet.
        await using var other = await TestApp.StartAsync(Waking);
        var invited = await other.EnrollAsync();
        await other.DrainQueueAsync();
        Assert.Equal(ReplyTexts.NotYetJoined, (await other.TextAsync(invited.B.Phone, "EXPORT")).Reply);
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("info")]
    public async Task Help_says_what_this_is_in_one_text_and_more_lists_the_keywords(string word)
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        var help = (await app.TextAsync(couple.A.Phone, word)).Reply!;
        Assert.Equal(
            "HappyTogether: check-ins for couples, about 2 texts a day. Msg&data rates may apply. Text MORE for all keywords, STOP to end.",
            help);
        Assert.Equal(1, HappyTogether.Foundation.Text.Gsm7.Segments(help));

        var more = (await app.TextAsync(couple.A.Phone, "MORE")).Reply!;
        Assert.Equal(ReplyTexts.More, more);
        Assert.Equal(ReplyTexts.More, (await app.TextAsync(couple.A.Phone, "more")).Reply);
        foreach (var keyword in new[] { "PAUSE", "RESUME", "SKIP", "TIME", "MORNING", "RECAP", "ZONE", "STATUS", "DONE", "SHARE OFF", "NUDGE OFF/ON", "APART", "TOGETHER", "EVERY 2", "WEEKDAYS", "DAILY", "THANKS", "DATE ", "DATES", "EXPORT", "DELETE", "HELP", "STOP" })
            Assert.Contains(keyword, more);
        Assert.True(HappyTogether.Foundation.Text.Gsm7.Segments(more) <= 2, more);
    }

    [Fact]
    public async Task More_is_answered_wherever_help_is_and_more_in_an_answer_stays_an_answer()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using (app)
        {
            // Inside an answer it is a word like any other: stored, and the answer reads its mood word.
            var (_, reply) = await app.TextAsync(couple.A.Phone, "more time together. happy");
            Assert.NotEqual(ReplyTexts.More, reply);
            Assert.Equal("more time together. happy", Assert.Single(await app.Get<Answers>().ReadAnswersAsync(couple.Id, new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 4))).Text);
            Assert.Equal(Keyword.None, Keywords.Parse("More please, more hugs").Keyword);
            Assert.Equal(Keyword.More, Keywords.Parse(" More! ").Keyword);

            // After STOP, as HELP is.
            await app.TextAsync(couple.B.Phone, "STOP");
            Assert.Equal(ReplyTexts.Help(null), (await app.TextAsync(couple.B.Phone, "HELP")).Reply);
            Assert.Equal(ReplyTexts.More, (await app.TextAsync(couple.B.Phone, "MORE")).Reply);

            // A number in no couple, and one that said STOP.
            Assert.Equal(ReplyTexts.More, (await app.TextAsync("+13125550199", "MORE")).Reply);
            await app.TextAsync("+13125550198", "STOP");
            Assert.Equal(ReplyTexts.More, (await app.TextAsync("+13125550198", "MORE")).Reply);
        }

        // Someone invited who has not said YES yet (their number is claimed only by their own YES).
        await using var other = await TestApp.StartAsync(Waking);
        var invited = await other.EnrollAsync(phoneA: "+13125550171", phoneB: "+13125550172");
        await other.DrainQueueAsync();
        Assert.Equal(ReplyTexts.More, (await other.TextAsync(invited.A.Phone, "MORE")).Reply);
        Assert.Equal(ReplyTexts.StrangerHelp(null), (await other.TextAsync(invited.A.Phone, "HELP")).Reply);
    }

    [Fact]
    public async Task An_invited_partner_who_texts_anything_else_is_asked_for_yes_and_nothing_is_stored()
    {
        await using var app = await TestApp.StartAsync(Waking);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        Assert.Equal(ReplyTexts.NotYetJoined, (await app.TextAsync(couple.A.Phone, "what is this?")).Reply);
        Assert.Equal(ReplyTexts.AlreadyIn, (await app.TextAsync(couple.A.Phone, "YES") is var _ ? (await app.TextAsync(couple.A.Phone, "yes")).Reply : null));
        Assert.Empty(await app.RowsMentioningAsync("what is this"));
    }

    // The replies come from the message catalog, so they are data for the theory rather than attribute constants.
    public static TheoryData<string, string> OtherOptInWords() => new()
    {
        { "Join", SignUpTexts.AskName },
        { "START", ReplyTexts.NotYetJoined },
        { "unstop", ReplyTexts.NotYetJoined },
    };

    [Theory]
    [MemberData(nameof(OtherOptInWords))]
    public async Task Other_opt_in_words_answer_no_invitation_join_starts_the_partners_own_sign_up(string word, string reply)
    {
        await using var app = await TestApp.StartAsync(Waking);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        Assert.Equal(reply, (await app.TextAsync(couple.A.Phone, word)).Reply);
        await app.DrainQueueAsync();
        Assert.Equal(ConsentState.Invited, (await CoupleAsync(app, couple.Id)).A.Consent);
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(couple.A.Phone));
    }

    [Fact]
    public async Task A_yes_before_the_invitation_went_out_joins_nothing()
    {
        // 06:00 in Chicago: the invitation waits for 07:00, so a YES now cannot answer it.
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        Assert.Equal(ReplyTexts.UnknownNumber, (await app.TextAsync(couple.A.Phone, "YES")).Reply);
        Assert.Equal(ConsentState.Invited, (await CoupleAsync(app, couple.Id)).A.Consent);
    }

    [Fact]
    public async Task Pause_holds_texts_for_the_given_days_and_resume_brings_them_back()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        Assert.Equal(ReplyTexts.PauseExample, (await app.TextAsync(couple.A.Phone, "PAUSE 45")).Reply);
        Assert.Equal("Paused until Jan 5. Text RESUME to start again sooner.", (await app.TextAsync(couple.A.Phone, "pause 2")).Reply);
        await RunScheduleAsync(app, TimeSpan.FromDays(2));
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Kind is TextKind.Morning or TextKind.Evening);
        Assert.Contains(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Morning);

        await app.TextAsync(couple.A.Phone, "PAUSE");
        Assert.Equal(ReplyTexts.Resume, (await app.TextAsync(couple.A.Phone, "Resume")).Reply);
        Assert.Equal(ReplyTexts.NotPaused, (await app.TextAsync(couple.A.Phone, "RESUME")).Reply);
        await RunScheduleAsync(app, TimeSpan.FromDays(1));
        Assert.Contains(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Morning);
    }

    [Fact]
    public async Task A_setting_saves_the_copy_its_text_read_and_reads_again_only_when_the_other_partner_saved_first()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        var today = new DateOnly(2027, 1, 4);

        // Alone: the phone lookup, the read of the couple with its week, the save, the reply kept for a retried
        // webhook.
        app.StorageRequests.Reset();
        Assert.Equal((200, ReplyTexts.NudgeOff), await app.TextAsync(couple.A.Phone, "NUDGE OFF"));
        Assert.Equal(4, app.StorageRequests.Tables);

        // B's pause is saved between A's read and A's save: A's save is refused and made again on B's.
        app.StorageFaults.BeforeNext(
            r => r.Method == Azure.Core.RequestMethod.Put && Uri.UnescapeDataString(r.Uri.Path).Contains($"RowKey='{CoupleRows.Profile}'"),
            () => app.TextAsync(couple.B.Phone, "PAUSE 3"));
        Assert.Equal((200, ReplyTexts.Skip), await app.TextAsync(couple.A.Phone, "SKIP"));

        var stored = await CoupleAsync(app, couple.Id);
        Assert.Equal((true, today, today.AddDays(2)), (stored.A.NudgeOff, stored.A.SkipDate, stored.B.PausedUntil));
    }

    [Fact]
    public async Task Skip_holds_the_rest_of_today_only()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        Assert.Equal(ReplyTexts.Skip, (await app.TextAsync(couple.A.Phone, "skip")).Reply);
        await RunScheduleAsync(app, TimeSpan.FromHours(17));
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Kind is TextKind.Morning or TextKind.Evening);
        await RunScheduleAsync(app, TimeSpan.FromHours(10));
        Assert.Contains(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Morning);
    }

    [Theory]
    [InlineData("TIME 9pm", "Evening questions now come at 9pm.", TextKind.Evening, 21, 0)]
    [InlineData("time 21:15", "Evening questions now come at 9:15pm.", TextKind.Evening, 21, 15)]
    [InlineData("MORNING 7:30", "Morning ideas now come at 7:30am.", TextKind.Morning, 7, 30)]
    [InlineData("morning 9am", "Morning ideas now come at 9am.", TextKind.Morning, 9, 0)]
    public async Task Time_and_morning_move_the_slot(string text, string reply, string kind, int hour, int minute)
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        Assert.Equal(reply, (await app.TextAsync(couple.A.Phone, text)).Reply);
        await RunScheduleAsync(app, TimeSpan.FromDays(1));
        var sent = Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == kind);
        Assert.Equal(new TimeOnly(hour, minute), TimeOnly.FromDateTime(ZoneTime.ToLocal(sent.Utc, couple.A.Zone)));
    }

    [Theory]
    [InlineData("TIME 11pm", "Try TIME 9pm")]
    [InlineData("TIME 6am", "Try TIME 9pm")]
    [InlineData("time 25:00", "Try TIME 9pm")]
    [InlineData("MORNING 6:00", "Try MORNING 7:30")]
    [InlineData("MORNING 9pm", "That's after your evening question (8:30pm)")]
    [InlineData("TIME 7:30am", "That's before your morning idea (8am)")]
    public async Task Bad_times_are_answered_with_an_example_and_change_nothing(string text, string hint)
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        Assert.StartsWith(hint, (await app.TextAsync(couple.A.Phone, text)).Reply);
        var stored = await CoupleAsync(app, couple.Id);
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(20, 30)), (stored.A.MorningTime, stored.A.EveningTime));
    }

    [Theory]
    [InlineData("ZONE Europe/London", "Europe/London", "London")]
    [InlineData("zone london", "Europe/London", "London")]
    [InlineData("ZONE New York", "America/New_York", "New York")]
    [InlineData("Zone los angeles", "America/Los_Angeles", "Los Angeles")]
    [InlineData("ZONE America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires", "Buenos Aires")]
    public async Task Zone_takes_an_IANA_id_or_a_city_and_names_it_as_people_say_it(string text, string zone, string spoken)
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        Assert.StartsWith($"Now on {spoken} time: ideas at 8am", (await app.TextAsync(couple.A.Phone, text)).Reply);
        Assert.Equal(zone, (await CoupleAsync(app, couple.Id)).A.TimeZone);
        var next = (await app.Get<DueIndex>().ReadArmedAsync(couple.Id)).Single(s => s.Partner == "a" && s.Slot == Slot.Morning);
        Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(ZoneTime.ToLocal(next.DueUtc, TimeZoneInfo.FindSystemTimeZoneById(zone))));
        Assert.Equal(ReplyTexts.ZoneExample, (await app.TextAsync(couple.A.Phone, "ZONE Atlantis")).Reply);
    }

    [Fact]
    public async Task Times_read_24_hour_outside_North_America()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync(phoneB: "+447911123456", zoneB: "Europe/London");
        Assert.Equal("Evening questions now come at 21:15.", (await app.TextAsync(couple.B.Phone, "TIME 21:15")).Reply);
        Assert.Contains("an idea at 08:00 and a question at 20:30", (await app.ReceivedAsync(couple, "b")).Single(t => t.Kind == TextKind.Confirmation).Body);
        Assert.Equal("Evening questions now come at 9:15pm.", (await app.TextAsync(couple.A.Phone, "TIME 21:15")).Reply);
    }

    [Fact]
    public async Task Apart_and_together_choose_which_ideas_come_and_the_zones_decide_until_then()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        var date = new DateOnly(2027, 1, 5);
        Assert.False((await CoupleAsync(app, couple.Id)).IsApartOn(date));
        Assert.Equal(ReplyTexts.Apart, (await app.TextAsync(couple.A.Phone, "APART")).Reply);
        Assert.True((await CoupleAsync(app, couple.Id)).IsApartOn(date));
        // Every morning of a month, for both, works apart.
        var rotation = app.Get<HappyTogether.Content.Prompts.PromptRotation>();
        var stored = await CoupleAsync(app, couple.Id);
        for (var d = 0; d < 30; d++)
            foreach (var partner in stored.Partners)
                // A morning that asks the household question instead of an idea has no setting.
                Assert.NotEqual(HappyTogether.Content.Prompts.Setting.Together, (await rotation.PromptForAsync(stored, partner, Slot.Morning, date.AddDays(d)))?.Setting);
        Assert.Equal(ReplyTexts.Together, (await app.TextAsync(couple.B.Phone, "together")).Reply);
        Assert.False((await CoupleAsync(app, couple.Id)).IsApartOn(date));
        // "Together" inside a longer answer stays an answer.
        Assert.Equal(Keyword.None, Keywords.Parse("Together on the couch, calm").Keyword);
    }

    [Fact]
    public async Task Status_shows_times_zone_pause_and_streak()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        await RunScheduleAsync(app, TimeSpan.FromHours(15));
        await app.TextAsync(couple.A.Phone, "calm");
        await app.TextAsync(couple.B.Phone, "happy");
        await app.TextAsync(couple.A.Phone, "PAUSE 3");
        Assert.Equal(
            "Texts every day: ideas at 8am, questions at 8:30pm, Chicago time. Paused until Jan 6. You both answered the latest question! Language: English.",
            (await app.TextAsync(couple.A.Phone, "STATUS")).Reply);
    }

    [Fact]
    public async Task Status_leaves_out_a_streak_of_none_and_names_the_zone_as_people_say_it()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync(phoneB: "+447911123456", zoneB: "Europe/London");
        Assert.Equal(
            "Texts every day: ideas at 08:00, questions at 20:30, London time. Language: English.",
            (await app.TextAsync(couple.B.Phone, "STATUS")).Reply);
        Assert.Equal(
            "Texts every day: ideas at 8am, questions at 8:30pm, Chicago time. Language: English.",
            (await app.TextAsync(couple.A.Phone, "STATUS")).Reply);
        await app.TextAsync(couple.B.Phone, "PAUSE 3");
        Assert.Equal(
            "Texts every day: ideas at 08:00, questions at 20:30, London time. Paused until 6 Jan. Language: English.",
            (await app.TextAsync(couple.B.Phone, "STATUS")).Reply);
    }

    [Fact]
    public async Task Dates_in_replies_read_month_first_to_a_US_number_and_day_first_to_others()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync(phoneB: "+447911123456", zoneB: "Europe/London");
        Assert.Equal("Paused until Jan 6. Text RESUME to start again sooner.", (await app.TextAsync(couple.A.Phone, "PAUSE 3")).Reply);
        Assert.Equal("Paused until 6 Jan. Text RESUME to start again sooner.", (await app.TextAsync(couple.B.Phone, "PAUSE 3")).Reply);
        Assert.StartsWith("Saved: your birthday is Jun 14.", (await app.TextAsync(couple.A.Phone, "DATE birthday 06-14")).Reply);
        Assert.StartsWith("Saved: your birthday is 2 Mar.", (await app.TextAsync(couple.B.Phone, "DATE birthday Mar 2")).Reply);
        Assert.Equal(
            "Your dates: your birthday 2 Mar, Ana's birthday 14 Jun. Text DATE anniversary OFF to remove one.",
            (await app.TextAsync(couple.B.Phone, "DATES")).Reply);
    }

    [Fact]
    public async Task Done_marks_the_gesture_without_telling_the_partner()
    {
        await using var app = await TestApp.StartAsync(Morning);
        var couple = await app.EnrollOptedInAsync();
        Assert.Equal(ReplyTexts.Done, (await app.TextAsync(couple.A.Phone, "DONE")).Reply);
        Assert.Equal(ReplyTexts.Done, (await app.TextAsync(couple.A.Phone, "done!")).Reply);
        Assert.Single(await app.RowsMentioningAsync("|done|a"));
        Assert.Equal(0, await app.DrainQueueAsync());
        Assert.Empty(await app.Get<Answers>().ReadAnswersAsync(couple.Id, new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 4)));
    }

    [Fact]
    public async Task Delete_then_delete_yes_erases_everything_and_tells_the_other_partner_only_that_it_ended()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Morning, twilio);
        var couple = await app.EnrollOptedInAsync();
        await RunScheduleAsync(app, TimeSpan.FromHours(15));
        await app.TextAsync(couple.A.Phone, "calm and happy");
        await app.TextAsync(couple.B.Phone, "excited");
        await app.DrainQueueAsync();

        Assert.Equal(ReplyTexts.DeleteFirst, (await app.TextAsync(couple.A.Phone, "DELETE YES")).Reply);
        Assert.Equal(ReplyTexts.DeleteAsk, (await app.TextAsync(couple.A.Phone, "delete")).Reply);
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(ReplyTexts.DeleteFirst, (await app.TextAsync(couple.A.Phone, "DELETE YES")).Reply);
        await app.TextAsync(couple.A.Phone, "DELETE");
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(ReplyTexts.DeleteDone, (await app.TextAsync(couple.A.Phone, "Delete yes")).Reply);

        var before = twilio.Messages.Count;
        await app.DrainQueueAsync();
        var farewell = Assert.Single(twilio.Messages.Skip(before));
        Assert.Equal((couple.B.Phone, ProgramTexts.Ended), (farewell.To, farewell.Body));

        Assert.Empty(await app.RowsMentioningAsync(couple.Id));
        Assert.Empty(await app.RowsMentioningAsync(couple.A.Phone));
        Assert.Empty(await app.RowsMentioningAsync(couple.B.Phone));
        Assert.Empty(await app.RowsMentioningAsync("calm and happy"));
        Assert.Equal(ReplyTexts.UnknownNumber, (await app.TextAsync(couple.A.Phone, "hello")).Reply);
    }
}
