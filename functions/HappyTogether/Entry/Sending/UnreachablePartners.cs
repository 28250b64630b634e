using Azure.Data.Tables;
using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Storage;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HappyTogether.Entry.Sending;

/// <summary>
/// A partner whose texts fail as unreachable (phone off or out of coverage, number not in service: Twilio 30003 to
/// 30006) on <see cref="HappyTogetherOptions.UnreachableDays"/> different days, with nothing delivered to them in
/// between, is paused for <see cref="PauseDays"/> days, so dead numbers are not billed every day; the other partner is
/// told once. Any text from the paused partner resumes them (<see cref="ResumeAsync"/>): their phone works again.
/// </summary>
public sealed class UnreachablePartners(
    Tables tables, CoupleStore couples, OutboundQueue queue, IOptions<HappyTogetherOptions> options, TimeProvider clock, ILogger<UnreachablePartners> log)
{
    /// <summary>How long the pause lasts (PAUSE's longest): if the number still fails afterwards, it is paused again,
    /// without telling the other partner again.</summary>
    public const int PauseDays = 30;

    /// <summary>How far back the partner's texts are read to count failed days.</summary>
    public const int LookBackDays = 45;

    /// <summary>A text to <paramref name="partnerKey"/> failed as unreachable (a delivery report): pauses them when
    /// the days add up.</summary>
    public async Task FailedAsync(string coupleId, string partnerKey, CancellationToken ct = default)
    {
        var needed = options.Value.UnreachableDays;
        if (needed <= 0) return;
        if (await couples.GetAsync(coupleId, ct) is not { } couple || couple.Partners.FirstOrDefault(p => p.Key == partnerKey) is not { } partner)
            return;
        var now = clock.GetUtcNow();
        var today = ZoneTime.LocalDate(now, partner.Zone);
        // Already paused (by this or by their own PAUSE): a late report of an earlier text changes nothing.
        if (partner.Consent != ConsentState.OptedIn || couple.ErasingSinceUtc is not null || partner.IsQuietOn(today)) return;
        var days = await DaysUnreachableAsync(coupleId, partnerKey, today, ct);
        if (days < needed) return;

        var first = partner.UnreachableOn is null;
        var until = today.AddDays(PauseDays - 1);
        var paused = false;
        var saved = await couples.MutateAsync(couple, c =>
        {
            var p = c[partnerKey];
            paused = p.Consent == ConsentState.OptedIn && !p.IsQuietOn(today);
            if (!paused) return false;
            p.UnreachableOn ??= today;
            p.PausedUntil = until;
            return true;
        }, ct);
        if (saved is null || !paused) return;
        OpsMetrics.PartnerUnreachable();
        log.LogWarning("Couple {CoupleId} partner {Partner}: texts failed as unreachable on {Days} days; paused until {Until}.", coupleId, partnerKey, days, until);
        // Told once a pause episode, after the pause is saved (the notice checks it is still on).
        var other = saved.Other(saved[partnerKey]);
        if (first && other.Consent == ConsentState.OptedIn)
            await queue.EnqueueAsync(new OutboundJob(coupleId, TextKind.PartnerUnreachable, ZoneTime.LocalDate(now, other.Zone), [other.Key]), ct);
    }

    /// <summary>
    /// The paused partner texted in, so their phone works: the pause this set is lifted before their text is handled
    /// (which may pause them again, by their own PAUSE). Returns the couple as saved, or <paramref name="couple"/> when
    /// there was nothing to lift.
    /// </summary>
    public async Task<Couple> ResumeAsync(Couple couple, Partner partner, CancellationToken ct = default)
    {
        if (partner.UnreachableOn is null) return couple;
        var saved = await couples.MutateAsync(couple, c =>
        {
            if (c[partner.Key].UnreachableOn is null) return false;
            c[partner.Key].UnreachableOn = null;
            c[partner.Key].PausedUntil = null;
            return true;
        }, ct);
        log.LogInformation("Couple {CoupleId} partner {Partner} texted in after being unreachable; their texts resume.", couple.Id, partner.Key);
        return saved ?? couple;
    }

    /// <summary>The different local days on which a text to the partner failed as unreachable since the last one
    /// delivered to them (a delivered text resets the count): one range query of the couple's partition.</summary>
    private async Task<int> DaysUnreachableAsync(string coupleId, string partnerKey, DateOnly today, CancellationToken ct)
    {
        var filter = CoupleRows.Filter(coupleId, CoupleRows.Days(today.AddDays(-LookBackDays), today.AddDays(1)), $"Direction eq {"out"}");
        var texts = new List<(OutboundRecord Record, string? Delivery, int? Error)>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var record = HistoryColumns.ToOutbound(row);
            if (record.Partner == partnerKey) texts.Add((record, row.GetString("Delivery"), row.GetInt32("DeliveryErrorCode")));
        }
        var failedOn = new HashSet<DateOnly>();
        foreach (var (record, delivery, error) in texts.OrderByDescending(t => t.Record.Date).ThenByDescending(t => t.Record.SentUtc ?? t.Record.ClaimedUtc))
        {
            if (delivery is "delivered" or "read") break;
            if (DeliveryErrors.ClassOf(error) == DeliveryErrors.Unreachable) failedOn.Add(record.Date);
        }
        return failedOn.Count;
    }
}
