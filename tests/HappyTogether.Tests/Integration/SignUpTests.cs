using HappyTogether.Entry.Inbound;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>Numbers that belong to no couple: the daily pointer and the JOIN dialogue.</summary>
public class SignUpTests
{
    private static readonly DateTimeOffset Noon = new(2027, 1, 4, 18, 0, 0, TimeSpan.Zero);
    private const string Ana = "+13125550181";
    private const string Sam = "+13125550182";

    [Fact]
    public async Task An_unknown_number_gets_one_pointer_a_day_and_only_a_keyed_hash_is_stored()
    {
        await using var app = await TestApp.StartAsync(Noon);
        var sid = Sms.NewSid();
        Assert.Equal(ReplyTexts.UnknownNumber, (await app.TextAsync(Ana, "hi who is this", sid)).Reply);
        Assert.Equal(ReplyTexts.UnknownNumber, (await app.TextAsync(Ana, "hi who is this", sid)).Reply);
        Assert.Null((await app.TextAsync(Ana, "hello??")).Reply);
        Assert.Null((await app.TextAsync(Ana, "anyone")).Reply);
        Assert.Equal(ReplyTexts.UnknownNumber, (await app.TextAsync(Sam, "hey")).Reply);
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(ReplyTexts.UnknownNumber, (await app.TextAsync(Ana, "hello again")).Reply);

        // Two pointer rows and three reply counters (one per number and day), all keyed by a hash.
        var rows = await app.RowsMentioningAsync("");
        Assert.Equal(5, rows.Count);
        Assert.Empty(await app.RowsMentioningAsync("3125550181"));
        Assert.Empty(await app.RowsMentioningAsync("hello"));
    }

    [Fact]
    public async Task Join_walks_through_the_dialogue_with_hints_for_bad_input_and_invites_the_partner()
    {
        // Many hints in a row: more than a stranger's daily reply segments allow by default.
        await using var app = await TestApp.StartAsync(Noon, settings: new Dictionary<string, string?> { ["StrangerSegmentsPerDay"] = "30" });
        Assert.Equal(SignUpTexts.AskName, (await app.TextAsync(Ana, "JOIN")).Reply);
        Assert.Equal(SignUpTexts.NameHint, (await app.TextAsync(Ana, "   ")).Reply);
        Assert.Equal(SignUpTexts.NameHint, (await app.TextAsync(Ana, "Anastasia-Maximiliana Rose")).Reply);
        Assert.Equal(SignUpTexts.NameHint, (await app.TextAsync(Ana, "12345")).Reply);
        Assert.Equal(SignUpTexts.NameHint, (await app.TextAsync(Ana, "bit.ly/x7Yq")).Reply);
        var asked = (await app.TextAsync(Ana, "Ana")).Reply!;
        var code = SignUpSteps.CodeIn(asked);
        Assert.Equal(SignUpTexts.AskPartnerPhone("Ana", code), asked);
        Assert.StartsWith("Thanks, Ana! What's your partner's mobile number?", asked);
        Assert.Equal(SignUpTexts.PhoneHint(code), (await app.TextAsync(Ana, "call me maybe")).Reply);
        Assert.Equal(SignUpTexts.PhoneHint(code), (await app.TextAsync(Ana, "555")).Reply);
        Assert.Equal(SignUpTexts.OwnNumber, (await app.TextAsync(Ana, "(312) 555-0181")).Reply);
        Assert.Equal(SignUpTexts.AskPartnerName, (await app.TextAsync(Ana, "312 555 0182")).Reply);
        Assert.Equal(SignUpTexts.NameHint, (await app.TextAsync(Ana, "")).Reply);
        var sid = Sms.NewSid();
        var done = (await app.TextAsync(Ana, "Sam", sid)).Reply;
        Assert.Equal(ProgramTexts.Invited("Sam"), done);
        Assert.Contains("Msg & data rates may apply", done);
        Assert.Contains("Reply YES", done);

        // The dialogue is over: a retry of the last message now comes from a couple member and is answered as one.
        var (couple, partner) = (await app.Get<CoupleStore>().FindByPhoneAsync(Ana))!.Value;
        Assert.Equal(("a", "Ana", "Sam", Sam), (partner.Key, couple.A.Name, couple.B.Name, couple.B.Phone));
        Assert.Equal("America/Chicago", couple.A.TimeZone);
        Assert.DoesNotContain(await app.RowsMentioningAsync("Ana"), r => r.StartsWith(app.Tables.SignUps.Name));

        await app.DrainQueueAsync();
        Assert.Equal([TextKind.Invitation], (await app.ReceivedAsync(couple, "b")).Select(t => t.Kind));
        // The invitation shows who sent it, by a masked number the partner can recognize.
        Assert.StartsWith("Hi Sam! Ana at ***0181 invited you to HappyTogether", (await app.ReceivedAsync(couple, "b"))[0].Body);
        Assert.Empty(await app.ReceivedAsync(couple, "a"));

        // Both say YES: both confirmed, and Ana's consent record keeps the text she agreed to.
        Assert.Null((await app.TextAsync(Ana, "yes")).Reply);
        Assert.Null((await app.TextAsync(Sam, "YES")).Reply);
        await app.DrainQueueAsync();
        var stored = (await app.Get<CoupleStore>().GetAsync(couple.Id))!;
        Assert.All(stored.Partners, p => Assert.Equal(ConsentState.OptedIn, p.Consent));
        Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Confirmation);
        Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Confirmation);
        var anaConsent = (await app.Get<CoupleStore>().ReadConsentLogAsync(couple.Id)).Single(r => r.GetString("Partner") == "a");
        Assert.Contains(ProgramTexts.Invited("Sam"), anaConsent.GetString("Disclosure"));
    }

    [Fact]
    public async Task A_retried_dialogue_message_gets_the_same_reply_and_does_not_advance()
    {
        await using var app = await TestApp.StartAsync(Noon);
        await app.TextAsync(Ana, "join");
        var sid = Sms.NewSid();
        var first = await app.TextAsync(Ana, "Ana", sid);
        Assert.Equal(first, await app.TextAsync(Ana, "Ana", sid));
        Assert.Equal(SignUpTexts.AskPartnerName, (await app.TextAsync(Ana, "+1 312 555 0182")).Reply);
    }

    [Fact]
    public async Task A_partner_number_already_enrolled_gets_the_same_reply_and_nothing_is_sent_to_it()
    {
        await using var app = await TestApp.StartAsync(Noon);
        var other = await app.EnrollOptedInAsync(phoneA: "+13125550191", phoneB: Sam);
        var before = (await app.OutboxAsync(Sam)).Count;
        await app.TextAsync(Ana, "JOIN");
        await app.TextAsync(Ana, "Ana");
        await app.TextAsync(Ana, Sam);
        // The same words as for a number that is free: the reply tells no one who is signed up.
        Assert.Equal(ProgramTexts.Invited("Sam"), (await app.TextAsync(Ana, "Sam")).Reply);
        await app.DrainQueueAsync();
        Assert.Equal(before, (await app.OutboxAsync(Sam)).Count);
        Assert.NotEqual(other.Id, (await app.Get<CoupleStore>().FindByPhoneAsync(Ana))!.Value.Couple.Id);
        Assert.Equal(other.Id, (await app.Get<CoupleStore>().FindByPhoneAsync(Sam))!.Value.Couple.Id);
    }

    [Fact]
    public async Task The_dialogue_expires_after_a_day_and_stop_cancels_it()
    {
        await using var app = await TestApp.StartAsync(Noon);
        await app.TextAsync(Ana, "JOIN");
        await app.TextAsync(Ana, "Ana");
        app.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(ReplyTexts.UnknownNumber, (await app.TextAsync(Ana, "+13125550182")).Reply);
        // The pairing code outlives the dialogue (a week), and the sweep removes it after that.
        Assert.Single(await app.RowsMentioningAsync("Ana"));
        app.Clock.Advance(PairingCodes.Lifetime);
        await app.Get<UnacceptedSweep>().RunAsync();
        Assert.Empty(await app.RowsMentioningAsync("Ana"));

        await app.TextAsync(Sam, "JOIN");
        await app.TextAsync(Sam, "Sam");
        Assert.Null((await app.TextAsync(Sam, "stop")).Reply);
        Assert.Empty(await app.RowsMentioningAsync("Sam"));
    }

    [Fact]
    public async Task The_zone_comes_from_the_number_where_it_has_one_else_the_default()
    {
        await using var app = await TestApp.StartAsync(Noon, settings: new Dictionary<string, string?> { ["SignUpCountries"] = "US,CA,GB,AU" });
        const string london = "+447400123456";
        await app.TextAsync(london, "JOIN");
        await app.TextAsync(london, "Ana");
        await app.TextAsync(london, "+61 412 345 678");
        await app.TextAsync(london, "Sam");
        var couple = (await app.Get<CoupleStore>().FindByPhoneAsync(london))!.Value.Couple;
        Assert.Equal("Europe/London", couple.A.TimeZone);
        // Australian mobiles span several zones: the default zone (ZONE changes it).
        Assert.Equal("America/Chicago", couple.B.TimeZone);
    }
}
