using HappyTogether.Entry.Inbound;
using HappyTogether.Model.Couples;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// One reply to a bare HELP, through the signed webhook against Azurite: when Twilio's Advanced Opt-Out classified the
/// text (OptOutType=HELP) it has already answered with the Messaging Service's help text, so the app answers with empty
/// TwiML; without OptOutType nothing answered it, so the app does (docs/TWILIO.md).
/// </summary>
public class TwilioHelpTests
{
    private const string Contact = "help@example.org";

    private static Dictionary<string, string?> WithContact => new() { ["OperatorContact"] = Contact };

    [Theory]
    [InlineData("HELP")]
    [InlineData("info")]
    [InlineData("AYUDA")]
    public async Task A_help_twilio_answered_gets_no_second_reply_from_the_app(string body)
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening, settings: WithContact);
        var couple = await app.EnrollOptedInAsync();

        Assert.Equal((200, null), await app.TextAsync(couple.A.Phone, body, optOutType: "HELP"));
        // The same text without Twilio's classification is the app's to answer.
        Assert.Equal((200, ReplyTexts.Help(Contact)), await app.TextAsync(couple.A.Phone, body));
        Assert.Equal(ConsentState.OptedIn, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);
    }

    [Fact]
    public async Task A_help_twilio_answered_after_stop_gets_no_second_reply_and_one_it_did_not_is_still_answered()
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening, settings: WithContact);
        var couple = await app.EnrollOptedInAsync();
        await app.TextAsync(couple.A.Phone, "STOP", optOutType: "STOP");
        Assert.Equal(ConsentState.OptedOut, (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A.Consent);

        Assert.Equal((200, null), await app.TextAsync(couple.A.Phone, "HELP", optOutType: "HELP"));
        Assert.Equal((200, ReplyTexts.Help(Contact)), await app.TextAsync(couple.A.Phone, "HELP"));
    }

    [Fact]
    public async Task A_stranger_gets_one_help_reply_either_way()
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening, settings: WithContact);
        const string stranger = "+13125550177";

        Assert.Equal((200, null), await app.TextAsync(stranger, "HELP", optOutType: "HELP"));
        Assert.Equal((200, ReplyTexts.StrangerHelp(Contact)), await app.TextAsync(stranger, "HELP"));
    }

    [Fact]
    public async Task More_is_never_twilios_and_is_always_answered()
    {
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening);
        var couple = await app.EnrollOptedInAsync();
        Assert.Equal((200, ReplyTexts.More), await app.TextAsync(couple.A.Phone, "MORE"));
    }
}
