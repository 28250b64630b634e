using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;

namespace HappyTogether.Foundation.Care;

/// <summary>
/// The care texts, with the line that fits where the partner's number is: 988 in the US and Canada and the National
/// Domestic Violence Hotline in the US; elsewhere the operator's lines (CrisisLineElsewhere, SafetyLineElsewhere), or
/// a pointer to a line near them.
/// </summary>
public sealed class CareLines(IOptions<HappyTogetherOptions> options)
{
    /// <summary>Most characters an operator's line may have, so each care text stays one segment.</summary>
    public const int MaxLineLength = 30;

    private static MessageCatalog Catalog => MessageCatalog.For();

    /// <summary>The reply to a text that signals distress, to the partner with number <paramref name="phone"/>.</summary>
    public string Distress(string phone) => Render("care.distress", Crisis(phone), ("line", CrisisLine));

    /// <summary>The reply to a text that signals fear of <paramref name="partnerName"/>.</summary>
    public string Safety(string phone, string partnerName) =>
        Render("care.safety", PhoneNumberReader.RegionOf(phone) == "US", ("line", SafetyLine), ("partner", partnerName));

    /// <summary>A second text the same night that signals fear of the partner: kept private, nothing more.</summary>
    public static string KeptPrivate => Catalog.Render("care.kept-private");

    /// <summary>The recap's care line in a week a distress text came from this partner.</summary>
    public string Week(string phone) => Render("care.week", Crisis(phone), ("line", CrisisLine));

    private string CrisisLine => Line(options.Value.CrisisLineElsewhere, "crisis");

    private string SafetyLine => Line(options.Value.SafetyLineElsewhere, "safety");

    private static bool Crisis(string phone) => PhoneNumberReader.RegionOf(phone) is "US" or "CA";

    private static string Line(string? setting, string kind) =>
        string.IsNullOrWhiteSpace(setting) ? Catalog.RenderVariant("care.line", kind) : setting.Trim();

    private static string Render(string id, bool us, params ReadOnlySpan<(string Name, string Value)> values) =>
        Catalog.RenderVariant(id, us ? "us" : "elsewhere", values);
}
