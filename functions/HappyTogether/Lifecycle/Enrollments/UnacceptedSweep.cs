using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;
using HappyTogether.Lifecycle.Erasure;
using HappyTogether.Model.Couples;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Lifecycle.Enrollments;

/// <summary>What one sweep removed.</summary>
public sealed record SweepResult(int CouplesErased, int RowsRemoved);

/// <summary>
/// The daily sweep (cron from the SweepSchedule setting): erases couples in which someone has not said
/// YES within <see cref="Enrollment.AcceptWithin"/>, and removes sign-up rows past their expiry
/// (dialogues, pairing codes, pointers, limits). The sign-up table is small (strangers, not couples),
/// so its expired rows are found by one filtered scan.
/// </summary>
public sealed class UnacceptedSweep(Tables tables, CoupleStore couples, PendingCouples pending, CoupleErasure erasure, TimeProvider clock, ILogger<UnacceptedSweep> log)
{
    public async Task<SweepResult> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var erased = 0;
        foreach (var (coupleId, rowKey) in await pending.EnrolledBeforeAsync(now - Enrollment.AcceptWithin, ct))
        {
            if (await couples.GetAsync(coupleId, ct) is { } couple && couple.Partners.Any(p => p.Consent == ConsentState.Invited)
                && await erasure.EraseAsync(coupleId, ct))
                erased++;
            await pending.RemoveAsync(rowKey, ct);
        }

        var removed = 0;
        var expired = TableClient.CreateQueryFilter($"ExpiresUtc lt {now}");
        await foreach (var row in tables.SignUps.QueryAsync<TableEntity>(expired, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            await tables.SignUps.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: ct);
            removed++;
        }
        log.LogInformation("Sweep: {Couples} unaccepted couples erased, {Rows} expired sign-up rows removed.", erased, removed);
        return new SweepResult(erased, removed);
    }
}
