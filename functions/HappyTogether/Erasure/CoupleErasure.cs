using HappyTogether.Couples;
using HappyTogether.History;
using HappyTogether.Scheduling;
using HappyTogether.Storage;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Erasure;

/// <summary>Removes a couple from every table: on DELETE YES (after the farewell) and through the admin API.</summary>
public sealed class CoupleErasure(CoupleStore couples, InvitationIndex invitations, PendingCouples pending, HistoryStore history, DueIndex due, Tables tables, TimeProvider clock, ILogger<CoupleErasure> log)
{
    /// <summary>
    /// Erases the couple and everything stored about it: slots, history, outbox texts, phone index
    /// invitations, pending-acceptance row and profile. The profile goes last, so an interrupted erase can simply be run again.
    /// </summary>
    public async Task<bool> EraseAsync(string coupleId, CancellationToken ct = default)
    {
        // Marked first, so a job that fails on a row erased under it finds, on its retry, a couple it must not text.
        var couple = await couples.MutateAsync(coupleId, c =>
        {
            if (c.ErasingSinceUtc is not null) return false;
            c.ErasingSinceUtc = clock.GetUtcNow();
            return true;
        }, ct);
        if (couple is null) return false;
        await due.DisarmAsync(coupleId, ct: ct);
        var rows = await history.DeleteAllAsync(coupleId, ct);
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
}
