using HappyTogether.Foundation.Phones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Pages.Operations;

/// <summary>A scheduled text as operators see it.</summary>
public sealed record ScheduledTextView(string Slot, DateTimeOffset Utc, DateTimeOffset Local);

/// <summary>A partner as operators see it: number masked, no message content.</summary>
public sealed record PartnerView(
    string Key, string Name, string Phone, string TimeZone, string MorningTime, string EveningTime,
    string Consent, DateTimeOffset? ConsentChangedUtc, string? ConsentMethod, IReadOnlyList<ScheduledTextView> NextTexts);

/// <summary>A couple as the admin API shows it.</summary>
public sealed record CoupleView(string Id, DateTimeOffset CreatedUtc, string TimeZone, IReadOnlyList<PartnerView> Partners);

/// <summary>Couples as operators read them: the profile with masked numbers and the texts armed next.</summary>
public sealed class CoupleViews(CoupleStore couples, DueIndex due)
{
    public async Task<CoupleView?> ViewAsync(string coupleId, CancellationToken ct = default)
    {
        var couple = await couples.GetAsync(coupleId, ct);
        return couple is null ? null : View(couple, await due.ReadArmedAsync(coupleId, ct));
    }

    public static CoupleView View(Couple couple, IReadOnlyList<DueSlot> armed) => new(
        couple.Id,
        couple.CreatedUtc,
        couple.TimeZone,
        couple.Partners.Select(p => new PartnerView(
            p.Key,
            p.Name,
            PhoneMask.Mask(p.Phone),
            p.TimeZone,
            p.MorningTime.ToString("HH:mm"),
            p.EveningTime.ToString("HH:mm"),
            p.Consent.ToString(),
            p.ConsentChangedUtc,
            p.ConsentMethod,
            armed.Where(s => s.Partner == p.Key)
                .OrderBy(s => s.DueUtc)
                .Select(s => new ScheduledTextView(s.Slot.ToString().ToLowerInvariant(), s.DueUtc, TimeZoneInfo.ConvertTime(s.DueUtc, p.Zone)))
                .ToList()))
            .ToList());
}
