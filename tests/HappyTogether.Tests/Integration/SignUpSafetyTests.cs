using HappyTogether.Entry.Inbound;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>Sign-up on a public number, tried as an attacker would: it cannot be made to text strangers, and STOP
/// outlives erasure.</summary>
public class SignUpSafetyTests
{
    private static readonly DateTimeOffset Noon = new(2027, 1, 4, 18, 0, 0, TimeSpan.Zero);
    private const string Ana = "+13125550181";
    private const string Sam = "+13125550182";

    [Fact]
    public async Task A_35_text_join_loop_from_one_number_sends_one_invitation()
    {
        // Through the Twilio SDK to the fake API, which keeps what was sent through erasure.
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Noon, twilio);
        var texts = 0;
        for (var round = 0; round < 5; round++)
        {
            foreach (var body in new[] { "JOIN", "Ana", Sam, "Sam", "YES", "DELETE", "DELETE YES" })
            {
                await app.TextAsync(Ana, body);
                texts++;
                // The queue keeps up, so each round's invitation could go out before DELETE YES stops everything.
                await app.DrainQueueAsync();
            }
            app.Clock.Advance(TimeSpan.FromMinutes(11));
        }
        Assert.Equal(35, texts);
        Assert.StartsWith("Hi Sam! Ana at ***0181 invited you", Assert.Single(twilio.To(Sam)).Body);
    }

    [Theory]
    [InlineData("+1 900 200 1234")] // premium rate
    [InlineData("+1 800 555 0199")] // toll-free
    [InlineData("+234 803 123 4567")] // a mobile, outside the allow-list
    [InlineData("+675 312 1234")] // a Papua New Guinea landline
    [InlineData("+882 1234 5678")] // international networks
    public async Task Numbers_that_are_not_allowed_mobiles_get_the_phone_hint_and_nothing_is_sent(string number)
    {
        await using var app = await TestApp.StartAsync(Noon);
        await app.TextAsync(Ana, "JOIN");
        var code = SignUpSteps.CodeIn((await app.TextAsync(Ana, "Ana")).Reply!);
        Assert.Equal(SignUpTexts.PhoneHint(code), (await app.TextAsync(Ana, number)).Reply);
        Assert.Equal(SignUpTexts.PhoneHint(code), (await app.TextAsync(Ana, "Sam")).Reply);
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Ana));
        Assert.Empty(await app.RowsMentioningAsync(number.Replace(" ", "")[1..]));
    }

    [Fact]
    public async Task A_number_outside_the_allow_list_cannot_start_a_sign_up_and_gets_no_reply()
    {
        await using var app = await TestApp.StartAsync(Noon);
        Assert.Null((await app.TextAsync("+2348031234567", "JOIN")).Reply);
        Assert.Null((await app.TextAsync("+2348031234567", "JOIN 1234 5678 9012")).Reply);
        Assert.Null((await app.TextAsync("+2348031234567", "Ana")).Reply);
    }

    [Theory]
    [InlineData("bit.ly/x7Yq")]
    [InlineData("Al 2")]
    [InlineData("www.example.com")]
    [InlineData("Ana.")]
    [InlineData("<b>Ana</b>")]
    public void Names_are_letters_only(string name) => Assert.False(SignUp.ValidName(name));

    [Theory]
    [InlineData("Ana")]
    [InlineData("Mary-Jane")]
    [InlineData("O'Brien")]
    [InlineData("Ana María")]
    [InlineData("Zoë")]
    public void First_names_as_people_write_them_are_accepted(string name) => Assert.True(SignUp.ValidName(name));

    [Fact]
    public async Task No_invitation_goes_out_after_stop_delete_and_a_new_enrollment()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Noon, twilio);
        await app.SignUpAsync(Ana, "Ana", Sam, "Sam");
        await app.DrainQueueAsync();
        Assert.Single(twilio.To(Sam));
        Assert.Null((await app.TextAsync(Sam, "STOP")).Reply);
        await app.TextAsync(Ana, "YES");
        await app.TextAsync(Ana, "DELETE");
        await app.TextAsync(Ana, "DELETE YES");
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Sam));

        // Named again by a new inviter, who reads the usual reply: Sam is not invited, and his number stays his.
        const string kim = "+13125550193";
        Assert.Equal(ProgramTexts.Invited("Sam"), await app.SignUpAsync(kim, "Kim", Sam, "Sam"));
        await app.DrainQueueAsync();
        var again = (await app.Get<CoupleStore>().FindByPhoneAsync(kim))!.Value.Couple;
        Assert.Equal(ConsentState.Invited, again.B.Consent);
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Sam));
        Assert.Single(twilio.To(Sam));

        // START takes Sam off the list, and joins him to nobody: no invitation ever reached him.
        await app.TextAsync(Sam, "START");
        await app.TextAsync(Sam, "YES");
        await app.DrainQueueAsync();
        Assert.Equal(ConsentState.Invited, (await app.Get<CoupleStore>().GetAsync(again.Id))!.B.Consent);
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Sam));
        Assert.False(await app.Get<HappyTogether.Model.Suppression.SuppressionList>().ContainsAsync(Sam));
    }

    [Fact]
    public async Task A_stranger_who_texts_stop_is_never_invited_the_operator_gets_409_and_yes_clears_it()
    {
        await using var app = await TestApp.StartAsync(Noon);
        Assert.Null((await app.TextAsync(Sam, "STOP")).Reply);
        await app.SignUpAsync(Ana, "Ana", Sam, "Sam");
        var byOperator = await app.EnrollOptedInAsync(phoneA: "+13125550191", phoneB: "+13125550192");
        await app.Get<ConsentService>().OptOutAsync(byOperator.Id, "b", "sms:stop", "Texted STOP.");
        await app.Get<HappyTogether.Lifecycle.Erasure.CoupleErasure>().EraseAsync(byOperator.Id);
        var again = await app.Get<Enrollment>().EnrollAsync(new EnrollmentRequest(
            [new PartnerRequest("Ana", "+13125550191", null), new PartnerRequest("Sam", "+13125550192", null)], null, null, null, null));
        Assert.Equal("partners[1].phone", Assert.IsType<EnrollmentResult.Conflict>(again).Field);
        await app.DrainQueueAsync();
        Assert.Empty(await app.OutboxAsync(Sam));
        // Only a keyed hash is kept: the number itself is in no row but the couple's own.
        Assert.All(await app.RowsMentioningAsync("3125550182"), r => Assert.DoesNotContain(app.Tables.Suppressed.Name, r));
        Assert.True(await app.Get<HappyTogether.Model.Suppression.SuppressionList>().ContainsAsync(Sam));

        // The operator may override on purpose (logged): the invitation goes, and only the person's YES opts them in.
        var overridden = await app.Get<Enrollment>().EnrollAsync(new EnrollmentRequest(
            [new PartnerRequest("Ana", "+13125550191", null), new PartnerRequest("Sam", "+13125550192", null)], null, null, null, null, OverrideSuppression: true));
        Assert.IsType<EnrollmentResult.Enrolled>(overridden);
        await app.DrainQueueAsync();
        Assert.Single(await app.OutboxAsync("+13125550192"));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Operator override"));
    }

    [Fact]
    public async Task Carrier_error_21610_puts_the_number_on_the_list_and_it_survives_erasure()
    {
        await using var app = await TestApp.StartAsync(Noon);
        var couple = await app.EnrollAsync();
        await app.Get<ConsentService>().OptOutByCarrierAsync(couple.Id, "b", 21610);
        await app.Get<HappyTogether.Lifecycle.Erasure.CoupleErasure>().EraseAsync(couple.Id);
        Assert.True(await app.Get<HappyTogether.Model.Suppression.SuppressionList>().ContainsAsync(Sam));
    }

    [Fact]
    public async Task A_partner_can_join_by_pairing_code_so_nothing_goes_to_a_number_that_did_not_ask()
    {
        await using var app = await TestApp.StartAsync(Noon);
        await app.TextAsync(Ana, "JOIN");
        var code = SignUpSteps.CodeIn((await app.TextAsync(Ana, "Ana")).Reply!);
        Assert.Equal(SignUpTexts.AskJoinerName, (await app.TextAsync(Sam, $"join {code.Replace(' ', '-')}")).Reply);
        // Sam learns nothing of Ana until she confirms.
        Assert.Equal(ProgramTexts.PairingAsked, (await app.TextAsync(Sam, "Sam")).Reply);
        await app.DrainQueueAsync();

        var couple = (await app.Get<CoupleStore>().FindByPhoneAsync(Sam))!.Value.Couple;
        Assert.Equal((Ana, "Ana", Sam, "Sam"), (couple.A.Phone, couple.A.Name, couple.B.Phone, couple.B.Name));
        // Ana asked, so she gets the invitation to confirm; Sam got his answer already.
        Assert.StartsWith("Hi Ana! Sam at ***0182 invited you", Assert.Single(await app.ReceivedAsync(couple, "a")).Body);
        Assert.Empty(await app.ReceivedAsync(couple, "b"));
        // Sam's YES before Ana confirms starts nothing; Ana's YES starts them both (Sam's JOIN was his opt-in).
        Assert.Equal(ReplyTexts.WaitingForPartner, (await app.TextAsync(Sam, "YES")).Reply);
        Assert.Equal(ConsentState.Invited, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.B.Consent);
        Assert.Null((await app.TextAsync(Ana, "YES")).Reply);
        await app.DrainQueueAsync();
        Assert.All((await app.Get<CoupleStore>().GetAsync(couple.Id))!.Partners, p => Assert.Equal(ConsentState.OptedIn, p.Consent));
        Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Confirmation);
        Assert.Empty(await app.RowsMentioningAsync(code.Replace(" ", "")));
    }

    [Fact]
    public async Task Pairing_codes_cannot_be_guessed_five_wrong_tries_a_day_and_the_right_one_then_fails_too()
    {
        await using var app = await TestApp.StartAsync(Noon);
        await app.TextAsync(Ana, "JOIN");
        var code = SignUpSteps.CodeIn((await app.TextAsync(Ana, "Ana")).Reply!);
        var wrong = SignUpSteps.WrongCode(code);
        for (var i = 0; i < PairingCodes.TriesPerDay; i++)
            Assert.Equal(SignUpTexts.WrongCode, (await app.TextAsync(Sam, $"JOIN {wrong}")).Reply);
        Assert.Equal(SignUpTexts.WrongCode, (await app.TextAsync(Sam, $"JOIN {code}")).Reply);
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(SignUpTexts.AskJoinerName, (await app.TextAsync(Sam, $"JOIN {code}")).Reply);
    }

    [Fact]
    public async Task The_daily_cap_holds_invitations_back_without_saying_so()
    {
        await using var app = await TestApp.StartAsync(Noon, settings: new Dictionary<string, string?> { ["InvitationsPerDay"] = "2" });
        for (var i = 0; i < 3; i++)
            Assert.Equal(ProgramTexts.Invited("Sam"), await app.SignUpAsync($"+1312555020{i}", "Ana", $"+1312555030{i}", "Sam"));
        await app.DrainQueueAsync();
        var invited = 0;
        for (var i = 0; i < 3; i++) invited += (await app.OutboxAsync($"+1312555030{i}")).Count;
        Assert.Equal(2, invited);
        // The sign-up held back goes on all the same (the inviter cannot tell), and claims nothing of the number it
        // named.
        Assert.NotNull(await app.Get<CoupleStore>().FindByPhoneAsync("+13125550202"));
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync("+13125550302"));
    }

    [Fact]
    public async Task One_inviter_gets_three_invitations_out_in_thirty_days_and_the_fourth_is_not_sent_until_the_first_is_thirty_days_old()
    {
        // Through the Twilio SDK to the fake API, which keeps what was sent through each round's erasure. Two
        // sign-ups fall on one day below, more replies than a stranger's daily budget allows by default.
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(Noon, twilio, settings: new Dictionary<string, string?> { ["StrangerSegmentsPerDay"] = "30" });
        var replies = new List<string?>();

        // Ana signs up naming a new partner, the invitation goes (or not), and she erases the couple to sign up again.
        async Task InviteAsync(TimeSpan after, string partner)
        {
            app.Clock.SetUtcNow(Noon + after);
            replies.Add(await app.SignUpAsync(Ana, "Ana", partner, "Sam"));
            await app.DrainQueueAsync();
            await app.TextAsync(Ana, "DELETE");
            await app.TextAsync(Ana, "DELETE YES");
            await app.DrainQueueAsync();
            Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Ana));
        }
        int Invitations(string partner) => twilio.To(partner).Count(m => m.Body.StartsWith("Hi Sam! Ana at ***0181 invited you", StringComparison.Ordinal));

        string[] partners = ["+13125550401", "+13125550402", "+13125550403", "+13125550404", "+13125550405", "+13125550406", "+13125550407"];
        await InviteAsync(TimeSpan.FromDays(0), partners[0]);
        await InviteAsync(TimeSpan.FromDays(10), partners[1]);
        await InviteAsync(TimeSpan.FromDays(20), partners[2]);
        Assert.Equal([1, 1, 1], partners[..3].Select(Invitations));

        // A fourth on day 25, and one an hour before the first is 30 days old: three went out in the last 30 days, so
        // nothing goes.
        await InviteAsync(TimeSpan.FromDays(25), partners[3]);
        await InviteAsync(TimeSpan.FromDays(30) - TimeSpan.FromHours(1), partners[4]);
        Assert.Equal([0, 0], partners[3..5].Select(Invitations));

        // An hour after the first is 30 days old, one may go again; the day after, three are in the window again.
        await InviteAsync(TimeSpan.FromDays(30) + TimeSpan.FromHours(1), partners[5]);
        Assert.Equal(1, Invitations(partners[5]));
        await InviteAsync(TimeSpan.FromDays(31), partners[6]);
        Assert.Equal(0, Invitations(partners[6]));

        // Seven invitations asked for, four sent, and Ana read the same reply every time.
        Assert.Equal(4, twilio.Messages.Count(m => m.Body.Contains("invited you", StringComparison.Ordinal)));
        Assert.Single(replies.Distinct());
        Assert.StartsWith("Done! We've invited Sam.", replies[0]);
    }

    [Fact]
    public async Task Unaccepted_invitations_expire_after_a_week_and_are_swept_with_their_rows()
    {
        await using var app = await TestApp.StartAsync(Noon);
        await app.SignUpAsync(Ana, "Ana", Sam, "Sam");
        var created = app.Clock.GetUtcNow();
        var accepted = await app.EnrollOptedInAsync(phoneA: "+13125550191", phoneB: "+13125550192");
        await app.DrainQueueAsync();
        app.Clock.SetUtcNow(created + Enrollment.AcceptWithin - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await app.Get<UnacceptedSweep>().RunAsync()).CouplesErased);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await app.Get<UnacceptedSweep>().RunAsync()).CouplesErased);
        Assert.Null(await app.Get<CoupleStore>().FindByPhoneAsync(Ana));
        Assert.NotNull(await app.Get<CoupleStore>().GetAsync(accepted.Id));
        Assert.Empty(await app.RowsMentioningAsync("3125550181"));
        Assert.Empty(await app.RowsMentioningAsync("3125550182"));
    }
}
