using HappyTogether.Entry.Inbound;
using HappyTogether.Foundation.Text;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;

namespace HappyTogether.Tests.Domain;

/// <summary>The texts sign-up and invitations send to people not yet in a couple: GSM-7 and one segment, names at their
/// longest.</summary>
public class TrustTextBudgetTests
{
    private static Partner Named(string phone) => new()
    {
        Key = "a",
        Name = new string('W', 20),
        Phone = phone,
        TimeZone = "America/Chicago",
        MorningTime = new(8, 0),
        EveningTime = new(20, 30),
    };

    public static TheoryData<string> Texts() =>
    [
        ProgramTexts.PairingAsked,
        ReplyTexts.WaitingForPartner,
        ReplyTexts.AlreadyPaired,
        ReplyTexts.NotYetJoined,
        ReplyTexts.UnknownNumber,
        ReplyTexts.StrangerHelp(new string('x', ReplyTexts.MaxContactLength)),
        ReplyTexts.WhichInvitation([Named("+13125550182"), Named("+13125550197")]),
        SignUpTexts.AskPartnerPhone(new string('W', 20), "123456789012"),
        SignUpTexts.PhoneHint("123456789012"),
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Fits_one_GSM7_segment(string text)
    {
        Assert.True(Gsm7.IsBasic(text), text);
        Assert.Equal(1, Gsm7.Segments(text));
    }
}
