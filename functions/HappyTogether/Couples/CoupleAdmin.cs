using HappyTogether.History;
using HappyTogether.Phones;
using HappyTogether.Scheduling;
using HappyTogether.Storage;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Couples;

/// <summary>A scheduled text as operators see it.</summary>
public sealed record ScheduledTextView(string Slot, DateTimeOffset Utc, DateTimeOffset Local);

/// <summary>A partner as operators see it: number masked, no message content.</summary>
public sealed record PartnerView(
    string Key, string Name, string Phone, string TimeZone, string MorningTime, string EveningTime,
    string Consent, DateTimeOffset? ConsentChangedUtc, string? ConsentMethod, IReadOnlyList<ScheduledTextView> NextTexts);

/// <summary>A couple as the admin API shows it.</summary>
public sealed record CoupleView(string Id, DateTimeOffset CreatedUtc, string TimeZone, IReadOnlyList<PartnerView> Partners);

/// <summary>Operator reads and the erase that removes a couple from every table.</summary>
public sealed class CoupleAdmin(CoupleStore couples, HistoryStore history, DueIndex due, Tables tables, ILogger<CoupleAdmin> log)
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

    /// <summary>
    /// Erases the couple and everything stored about it: slots, history, outbox texts, phone index
    /// and profile. The profile goes last, so an interrupted erase can simply be run again.
    /// </summary>
    public async Task<bool> EraseAsync(string coupleId, CancellationToken ct = default)
    {
        var couple = await couples.GetAsync(coupleId, ct);
        if (couple is null) return false;
        await due.DisarmAsync(coupleId, ct: ct);
        var rows = await history.DeleteAllAsync(coupleId, ct);
        foreach (var partner in couple.Partners)
        {
            rows += await TableBatches.DeletePartitionAsync(tables.Outbox, partner.Phone, ct);
            await couples.ReleasePhoneAsync(partner.Phone, coupleId, ct);
        }
        await couples.DeleteAllAsync(coupleId, ct);
        log.LogInformation("Erased couple {CoupleId} ({Rows} history and outbox rows).", coupleId, rows);
        return true;
    }
}
