using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.Settings;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Faults;

/// <summary>
/// Issue 24's attacks, each played through the signed webhook against Azurite as an attacker would:
/// naming a number claims nothing, a stop cannot be squatted, codes cannot be raced or guessed, the
/// sign-up tells nobody who is signed up, and strangers abroad get nothing.
/// </summary>
public class TrustAttackTests
{
    // Monday 2027-01-04, noon in Chicago.
    private static readonly DateTimeOffset Noon = new(2027, 1, 4, 18, 0, 0, TimeSpan.Zero);
    private const string Eve = "+13125550171";
    private const string Alice = "+13125550172";
    private const string Bob = "+13125550173";
    private const string Carol = "+13125550174";

    [Fact]
    public async Task A_stranger_who_names_a_partner_first_never_reads_her_answers_and_her_code_pairs_her_with_the_one_who_gave_it()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Noon, twilio);
        // Eve names Alice and says YES herself.
        Assert.Equal(ProgramTexts.Invited("Alice"), await app.SignUpAsync(Eve, "Eve", Alice, "Alice"));
        await app.TextAsync(Eve, "YES");
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Alice));

        // Bob, Alice's real partner, gives her his code; Alice texts it in.
        await app.TextAsync(Bob, "JOIN");
        var code = SignUpSteps.CodeIn((await app.TextAsync(Bob, "Bob")).Reply!);
        Assert.Equal(SignUpTexts.AskJoinerName, (await app.TextAsync(Alice, $"JOIN {code}")).Reply);
        Assert.Equal(ProgramTexts.PairingAsked, (await app.TextAsync(Alice, "Alice")).Reply);
        await app.DrainQueueAsync();
        Assert.StartsWith("Hi Bob! Alice at ***0172 invited you", twilio.To(Bob).Last().Body);
        // Alice learns nothing of Bob until he confirms: her YES waits, and nothing she has been sent names him.
        Assert.Equal(ReplyTexts.WaitingForPartner, (await app.TextAsync(Alice, "YES")).Reply);
        string?[] waiting = [(await app.TextAsync(Alice, "EVERY 2")).Reply, (await app.TextAsync(Alice, "DATE birthday 03-02")).Reply, (await app.TextAsync(Alice, "DATES")).Reply];
        await app.DrainQueueAsync();
        Assert.DoesNotContain(waiting, r => r is not null && r.Contains("Bob"));
        Assert.DoesNotContain(twilio.To(Alice), t => t.Body.Contains("Bob"));
        Assert.Null((await app.TextAsync(Bob, "YES")).Reply);
        await app.DrainQueueAsync();

        var alices = (await app.Get<CoupleStore>().FindByPhoneAsync(Alice))!.Value;
        var eves = (await app.Get<CoupleStore>().FindByPhoneAsync(Eve))!.Value;
        Assert.Equal(Bob, alices.Couple.Other(alices.Partner).Phone);
        Assert.All(alices.Couple.Partners, p => Assert.Equal(ConsentState.OptedIn, p.Consent));
        Assert.NotEqual(eves.Couple.Id, alices.Couple.Id);

        // That evening both answer; Eve answers too. Alice's words reach Bob and nobody else.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 2, 30, 0, TimeSpan.Zero));
        await app.Get<Scheduler>().RunAsync();
        await app.DrainQueueAsync();
        var evesReplies = new List<string?>
        {
            (await app.TextAsync(Eve, "Quiet night at home, calm")).Reply,
        };
        await app.TextAsync(Alice, "The walk by the lake with you, happy");
        var bobsReply = (await app.TextAsync(Bob, "Dinner with Alice, grateful")).Reply;
        await app.DrainQueueAsync();
        evesReplies.Add((await app.TextAsync(Eve, "still here")).Reply);
        await app.DrainQueueAsync();
        Assert.Contains("walk by the lake", bobsReply + string.Join('|', twilio.To(Bob).Select(t => t.Body)));
        Assert.DoesNotContain(twilio.To(Eve), t => t.Body.Contains("walk by the lake"));
        Assert.DoesNotContain(evesReplies, r => r is not null && r.Contains("walk by the lake"));
    }

    [Theory]
    [InlineData("JOIN")]
    [InlineData("START")]
    [InlineData("Join!")]
    public async Task A_bare_opt_in_word_from_someone_a_stranger_named_joins_nobody(string word)
    {
        await using var app = await TestApp.StartAsync(Noon);
        await app.SignUpAsync(Eve, "Eve", Alice, "Alice");
        await app.TextAsync(Eve, "YES");
        await app.DrainQueueAsync();
        var reply = (await app.TextAsync(Alice, word)).Reply;
        Assert.NotEqual(ProgramTexts.Confirmation(new Partner { Key = "b", Name = "Alice", Phone = Alice, TimeZone = "America/Chicago", MorningTime = Enrollment.DefaultMorning, EveningTime = Enrollment.DefaultEvening }), reply);
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Alice));
        var eves = (await app.Get<CoupleStore>().FindByPhoneAsync(Eve))!.Value.Couple;
        Assert.Equal(ConsentState.Invited, eves.B.Consent);
        Assert.DoesNotContain(await app.OutboxAsync(Alice), t => t.Kind == HappyTogether.Model.Outbound.TextKind.Confirmation);
    }

    [Fact]
    public async Task After_a_break_up_the_ex_starts_afresh_with_join_and_an_old_invitation_is_not_a_way_back_in()
    {
        // The fake Twilio API keeps what was sent through erasure.
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Noon, twilio);
        var couple = await app.EnrollOptedInAsync(phoneA: Alice, phoneB: Bob);
        // Eve named Alice while Alice was taken: no invitation, and nothing to accept later.
        await app.SignUpAsync(Eve, "Eve", Alice, "Alice");
        await app.DrainQueueAsync();
        await app.TextAsync(Bob, "DELETE");
        await app.TextAsync(Bob, "DELETE YES");
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().GetAsync(couple.Id));
        Assert.Contains(twilio.To(Alice), t => t.Body == ProgramTexts.Ended);

        Assert.Equal(ReplyTexts.UnknownNumber, (await app.TextAsync(Alice, "YES")).Reply);
        Assert.Equal(SignUpTexts.AskName, (await app.TextAsync(Alice, "JOIN")).Reply);
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Alice));
    }

    [Fact]
    public async Task A_number_that_said_stop_cannot_be_squatted_and_its_join_starts_its_own_sign_up()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Noon, twilio);
        Assert.Null((await app.TextAsync(Carol, "STOP")).Reply);
        Assert.Equal(ProgramTexts.Invited("Carol"), await app.SignUpAsync(Eve, "Eve", Carol, "Carol"));
        await app.TextAsync(Eve, "YES");
        await app.DrainQueueAsync();
        Assert.Empty(twilio.To(Carol));

        // Carol's own JOIN later: her own sign-up, not Eve's couple, and no consent record in it.
        Assert.Equal(SignUpTexts.AskName, (await app.TextAsync(Carol, "JOIN")).Reply);
        Assert.Equal(SignUpTexts.NameHint, (await app.TextAsync(Carol, "YES")).Reply);
        var eves = (await app.Get<CoupleStore>().FindByPhoneAsync(Eve))!.Value.Couple;
        Assert.DoesNotContain(await app.Get<CoupleStore>().ReadConsentLogAsync(eves.Id), row => row.GetString("Partner") == "b");
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Carol));

        // The sweep removes the sign-up nobody accepted.
        app.Clock.Advance(Enrollment.AcceptWithin + TimeSpan.FromMinutes(1));
        await app.Get<UnacceptedSweep>().RunAsync();
        Assert.Null(await app.Get<CoupleStore>().GetAsync(eves.Id));
        Assert.Empty(await app.RowsMentioningAsync("3125550174"));
    }

    [Fact]
    public async Task Forty_wrong_codes_at_once_spend_the_days_tries_and_the_right_code_then_fails()
    {
        await using var app = await TestApp.StartAsync(Noon);
        await app.TextAsync(Bob, "JOIN");
        var code = SignUpSteps.CodeIn((await app.TextAsync(Bob, "Bob")).Reply!);
        var burst = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => app.TextAsync(Eve, $"JOIN {SignUpSteps.WrongCode(code, i)}")));
        Assert.All(burst, b => Assert.Equal(200, b.Status));
        Assert.Equal(SignUpTexts.WrongCode, (await app.TextAsync(Eve, $"JOIN {code}")).Reply ?? SignUpTexts.WrongCode);
        Assert.NotEqual(SignUpTexts.AskJoinerName, (await app.TextAsync(Eve, $"JOIN {code}")).Reply);
        // Five tries were counted for the day, not one more, whatever arrived at once.
        var tries = await app.Tables.SignUps.GetEntityAsync<Azure.Data.Tables.TableEntity>(app.Get<HappyTogether.Foundation.Phones.NumberHash>().Of(Eve), "tries|2027-01-04");
        Assert.Equal(PairingCodes.TriesPerDay, tries.Value.GetInt32("Count"));
    }

    [Fact]
    public async Task Two_joiners_racing_with_one_code_pair_once()
    {
        await using var app = await TestApp.StartAsync(Noon);
        await app.TextAsync(Bob, "JOIN");
        var code = SignUpSteps.CodeIn((await app.TextAsync(Bob, "Bob")).Reply!);
        Assert.Equal(SignUpTexts.AskJoinerName, (await app.TextAsync(Alice, $"JOIN {code}")).Reply);
        Assert.Equal(SignUpTexts.AskJoinerName, (await app.TextAsync(Eve, $"JOIN {code}")).Reply);
        var names = await Task.WhenAll(app.TextAsync(Alice, "Alice"), app.TextAsync(Eve, "Eve"));
        Assert.Single(names, n => n.Reply == ProgramTexts.PairingAsked);
        Assert.Single(names, n => n.Reply == SignUpTexts.WrongCode);
        await app.DrainQueueAsync();
        Assert.Single(await app.OutboxAsync(Bob));
    }

    [Fact]
    public async Task The_hourly_budget_of_wrong_codes_stops_many_numbers_guessing_together_and_is_logged()
    {
        await using var app = await TestApp.StartAsync(Noon, settings: new Dictionary<string, string?> { ["PairingTriesPerHour"] = "10" });
        await app.TextAsync(Bob, "JOIN");
        var code = SignUpSteps.CodeIn((await app.TextAsync(Bob, "Bob")).Reply!);
        for (var i = 0; i < 10; i++)
            Assert.Equal(SignUpTexts.WrongCode, (await app.TextAsync($"+1312555{1000 + i}", $"JOIN {SignUpSteps.WrongCode(code, i + 1)}")).Reply);
        // The budget is spent: even the right code, from a number with tries left, matches nothing this hour.
        Assert.Equal(SignUpTexts.WrongCode, (await app.TextAsync(Alice, $"JOIN {code}")).Reply);
        Assert.Contains(app.Logs.Lines, l => l.Contains("budget of 10 wrong codes is spent"));
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(SignUpTexts.AskJoinerName, (await app.TextAsync(Alice, $"JOIN {code}")).Reply);
    }

    [Fact]
    public async Task The_inviter_reads_the_same_texts_whether_the_number_was_free_taken_stopped_or_held_back()
    {
        await using var app = await TestApp.StartAsync(Noon, settings: new Dictionary<string, string?> { ["InvitationsPerDay"] = "1" });
        await app.EnrollOptedInAsync(phoneA: "+13125550181", phoneB: "+13125550182");
        await app.TextAsync("+13125550183", "STOP");
        // Free (takes the day's one invitation), taken, asked to stop, held back by the cap.
        string[] named = ["+13125550184", "+13125550182", "+13125550183", "+13125550185"];
        var transcripts = new List<string>();
        for (var i = 0; i < named.Length; i++)
        {
            var inviter = $"+1312555030{i}";
            var replies = new List<string?>
            {
                (await app.TextAsync(inviter, "JOIN")).Reply,
                WithoutCode((await app.TextAsync(inviter, "Eve")).Reply),
                (await app.TextAsync(inviter, named[i])).Reply,
                (await app.TextAsync(inviter, "Sam")).Reply,
                (await app.TextAsync(inviter, "hello?")).Reply,
                (await app.TextAsync(inviter, "STATUS")).Reply,
            };
            await app.DrainQueueAsync();
            replies.Add((await app.TextAsync(inviter, "YES")).Reply);
            replies.Add((await app.TextAsync(inviter, "what now")).Reply);
            transcripts.Add(string.Join("\n", replies));
        }
        Assert.Single(transcripts.Distinct());
        Assert.Single(await app.OutboxAsync("+13125550184"));
        Assert.Empty(await app.OutboxAsync("+13125550183"));
        Assert.Empty(await app.OutboxAsync("+13125550185"));

        // Each pairing code is the inviter's own: the transcripts compare without it.
        static string? WithoutCode(string? reply) => reply?.Replace(SignUpSteps.CodeIn(reply), "CODE");
    }

    [Fact]
    public async Task The_inviters_own_later_invitations_tell_nothing_about_a_number_named_before()
    {
        // An inviter names a number, leaves the sign-up with a code attempt, then names three numbers of
        // their own: how many of those are invited must not depend on whether the first one was taken.
        // The fake Twilio API keeps what was sent through the erasures that leaving a sign-up makes.
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Noon, twilio);
        await app.EnrollOptedInAsync(phoneA: "+13125550181", phoneB: "+13125550182");
        async Task<int> ProbeAsync(string inviter, string named, int first)
        {
            await app.SignUpAsync(inviter, "Eve", named, "Sam");
            await app.DrainQueueAsync();
            for (var i = 0; i < 3; i++)
            {
                await app.TextAsync(inviter, "JOIN 0000 0000 0001");
                await app.SignUpAsync(inviter, "Eve", $"+1312555{first + i}", "Sam");
                await app.DrainQueueAsync();
            }
            var invited = 0;
            for (var i = 0; i < 3; i++) invited += twilio.To($"+1312555{first + i}").Count();
            return invited;
        }
        var afterTaken = await ProbeAsync("+13125550401", "+13125550182", 5001);
        var afterFree = await ProbeAsync("+13125550402", "+13125550199", 5101);
        Assert.Equal(afterFree, afterTaken);
        Assert.Equal(InvitationLimits.PerInviterPerMonth - 1, afterTaken);
    }

    [Theory]
    [InlineData("+2348031234567")] // a Nigerian mobile
    [InlineData("+447400123456")] // a UK mobile
    [InlineData("+19002001234")] // premium rate
    public async Task Numbers_outside_the_sign_up_countries_get_no_reply_to_anything(string number)
    {
        await using var app = await TestApp.StartAsync(Noon);
        foreach (var body in new[] { "hi", "JOIN", "Ana", "HELP", "INFO", "JOIN 1234 5678 9012", "YES", "what is this", "stop please" })
            Assert.Null((await app.TextAsync(number, body)).Reply);
        // Its stop still counts: it is never invited.
        Assert.True(await app.Get<HappyTogether.Model.Suppression.SuppressionList>().ContainsAsync(number));
    }

    [Fact]
    public async Task A_stranger_gets_a_few_segments_a_day_in_all_and_help_is_one_segment()
    {
        await using var app = await TestApp.StartAsync(Noon, settings: new Dictionary<string, string?> { ["OperatorContact"] = new string('x', ReplyTexts.MaxContactLength) });
        var help = (await app.TextAsync(Carol, "HELP")).Reply!;
        Assert.Equal(1, HappyTogether.Foundation.Text.Gsm7.Segments(help));
        Assert.Contains("STOP", help);
        var segments = HappyTogether.Foundation.Text.Gsm7.Segments(help);
        for (var i = 0; i < 30; i++)
        {
            var reply = (await app.TextAsync(Carol, i % 2 == 0 ? "JOIN" : "1")).Reply;
            segments += reply is null ? 0 : HappyTogether.Foundation.Text.Gsm7.Segments(reply);
        }
        Assert.InRange(segments, 3, new HappyTogetherOptions().StrangerSegmentsPerDay);
        // A new day, a new budget.
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.NotNull((await app.TextAsync(Carol, "HELP")).Reply);
    }
}
