using HappyTogether.Foundation.Storage;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Scheduling;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Lifecycle.Erasure;

/// <summary>Removes a couple from every table and its texts from the SMS provider: on DELETE YES (after the farewell),
/// through the admin API and the sweep.</summary>
public sealed class CoupleErasure(
    CoupleStore couples, InvitationIndex invitations, PendingCouples pending, HistoryStore history, DueIndex due, Tables tables, IProviderMessages provider, TimeProvider clock, ILogger<CoupleErasure> log)
{
    /// <summary>Deletes at the provider side by side, a few at a time: a year of texts is a couple of thousand
    /// requests.</summary>
    private const int DeletesAtOnce = 4;

    /// <summary>
    /// Erases the couple and everything stored about it: slots, the provider's copies of its texts,
    /// history, outbox texts, phone index, invitations, pending-acceptance row and profile. The profile goes last, so
    /// an interrupted erase can simply be run again. A couple DELETE YES already marked is erased all the same.
    /// </summary>
    public async Task<bool> EraseAsync(string coupleId, CancellationToken ct = default)
    {
        // Marked first (unless DELETE YES did), so a job that fails on a row erased under it finds, on its retry, a
        // couple it must not text.
        var couple = await couples.MutateAsync(coupleId, c =>
        {
            if (c.ErasingSinceUtc is not null) return false;
            c.ErasingSinceUtc = clock.GetUtcNow();
            return true;
        }, ct);
        if (couple is null) return false;
        await due.DisarmAsync(coupleId, ct: ct);
        // The provider's copies before the rows that name them: an erase cut short finds the ids again on its next run.
        var (rowKeys, sids) = await history.ReadForErasureAsync(coupleId, ct);
        await DeleteAtProviderAsync(coupleId, sids, ct);
        await TableBatches.DeleteRowsAsync(tables.History, coupleId, rowKeys, ct);
        var rows = rowKeys.Count;
        foreach (var partner in couple.Partners)
        {
            rows += await TableBatches.DeletePartitionAsync(tables.Outbox, partner.Phone, ct: ct);
            await couples.ReleasePhoneAsync(partner.Phone, coupleId, ct);
            await invitations.RemoveAsync(partner.Phone, coupleId, ct);
        }
        await pending.RemoveAsync(couple, ct);
        await couples.DeleteAllAsync(coupleId, ct);
        log.LogInformation("Erased couple {CoupleId} ({Rows} history and outbox rows).", coupleId, rows);
        return true;
    }

    private async Task DeleteAtProviderAsync(string coupleId, IReadOnlyList<string> sids, CancellationToken ct)
    {
        if (sids.Count == 0) return;
        var outcomes = new ProviderDeletion[sids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sids.Count), new ParallelOptions { MaxDegreeOfParallelism = DeletesAtOnce, CancellationToken = ct },
            async (i, token) => outcomes[i] = await provider.DeleteAsync(sids[i], token));
        var inFlight = outcomes.Count(o => o == ProviderDeletion.InFlight);
        var failed = outcomes.Count(o => o == ProviderDeletion.Failed);
        // Counts only: a sid is no personal data, but it opens a message that is.
        if (inFlight + failed == 0)
            log.LogInformation("Deleted the {Count} messages of couple {CoupleId} at the SMS provider.", sids.Count, coupleId);
        else
            log.LogWarning("Deleted {Deleted} of the {Count} messages of couple {CoupleId} at the SMS provider; {InFlight} were still in flight and {Failed} failed, and stay in the provider's log.",
                sids.Count - inFlight - failed, sids.Count, coupleId, inFlight, failed);
    }
}
