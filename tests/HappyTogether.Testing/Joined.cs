using HappyTogether.Lifecycle.Consent;
using HappyTogether.Model.Couples;

namespace HappyTogether.Testing;

/// <summary>A fixture for what follows each partner's YES: their number claimed for the couple, then the opt-in,
/// whether or not the invitation has gone out yet.</summary>
public static class Joined
{
    public static async Task PartnerAsync(CoupleStore couples, ConsentService consent, Couple couple, Partner partner, string method, CancellationToken ct = default)
    {
        await couples.TryClaimPhoneAsync(partner.Phone, couple.Id, partner.Key, ct);
        await consent.OptInAsync(partner.Phone, method, ct);
    }

    public static async Task BothAsync(CoupleStore couples, ConsentService consent, Couple couple, string method, CancellationToken ct = default)
    {
        foreach (var partner in couple.Partners) await PartnerAsync(couples, consent, couple, partner, method, ct);
    }
}
