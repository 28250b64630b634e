using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Text;
using HappyTogether.Lifecycle.Enrollments;

namespace HappyTogether.Entry.Inbound;

/// <summary>The sign-up dialogue's texts, worded in the message catalog ("signup.*").</summary>
public static class SignUpTexts
{
    private static MessageCatalog Catalog => MessageCatalog.For();

    public static string AskName => Catalog.Render("signup.ask-name");
    public static string NameHint => Catalog.Render("signup.name-hint");
    public static string OwnNumber => Catalog.Render("signup.own-number");
    public static string AskPartnerName => Catalog.Render("signup.ask-partner-name");
    public static string AskJoinerName => Catalog.Render("signup.ask-joiner-name");
    public static string WrongCode => Catalog.Render("signup.wrong-code");
    public static string StartOver => Catalog.Render("signup.start-over");

    // A name with no letter the texts can carry is left out rather than shown as nothing.
    public static string AskPartnerPhone(string name, string code) => Catalog.RenderVariant(
        "signup.ask-partner-phone",
        Gsm7.Transliterate(name) is { Length: > 0 } ? "named" : "unnamed",
        ("name", Gsm7.Transliterate(name)),
        ("code", PairingCodes.Display(code)));

    public static string PhoneHint(string code) =>
        Catalog.Render("signup.phone-hint", ("code", PairingCodes.Display(code)));
}
