using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Scheduling;

/// <summary>
/// The due-time index. Rows "t|{utc}|..." are ordered by due time, so the scheduler reads only what
/// is due with one range query per shard, however many couples are enrolled. Each slot's row
/// "p|{couple}|..." points at its armed time row. A couple's rows all sit in one shard partition
/// ("due-00" to "due-15", by a stable hash of the couple id), so moving a slot is one transaction
/// while the evening wave spreads over sixteen partitions' write limits. A text that found its
/// recipient asleep is held here too, as a time row carrying its job ("t|{utc}|{couple}|~held|..."),
/// so the same read that finds due slots releases it, on the real clock or the simulated one.
/// This part reads the index; its rows, arming slots and holding jobs are the others.
/// </summary>
public sealed partial class DueIndex(Tables tables)
{
    /// <summary>
    /// Partitions the index is spread over; part of the stored layout, so changing it needs a migration.
    /// </summary>
    public const int Shards = 16;

    private const int MaxTransaction = 100;

    /// <summary>
    /// One page of a shard's armed slots and held jobs due at or before <paramref name="through"/>, after the row key
    /// <paramref name="after"/>: one range query. <c>Last</c> is the page's last row key when more rows follow.
    /// </summary>
    public async Task<(DueRows Rows, string? Last)> ReadDuePageAsync(int shard, DateTimeOffset through, string? after, int pageRows, CancellationToken ct = default)
    {
        var rows = new List<TableEntity>();
        // One row past the page says whether another page follows, without a second request.
        await foreach (var row in tables.Due.QueryAsync<TableEntity>(DueBy(shard, through, after), maxPerPage: pageRows + 1, cancellationToken: ct))
        {
            if (rows.Count == pageRows) return (ToRows(rows), rows[^1].RowKey);
            rows.Add(row);
        }
        return (ToRows(rows), null);
    }

    private static DueRows ToRows(List<TableEntity> rows) => new(
        rows.Where(r => !IsHeld(r)).Select(ToSlot).OrderBy(s => s.DueUtc).ToList(),
        rows.Where(IsHeld).Select(ToHeld).OrderBy(h => h.DueUtc).ToList());

    /// <summary>When the earliest armed slot is due, or null when nothing is armed.</summary>
    internal async Task<DateTimeOffset?> EarliestAsync(CancellationToken ct = default) =>
        (await EarliestByShardAsync(Enumerable.Range(0, Shards), ct)).Values.Min();

    /// <summary>
    /// When each given shard's earliest armed slot is due (null where none is): one query per shard, in parallel.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, DateTimeOffset?>> EarliestByShardAsync(
        IEnumerable<int> shards, CancellationToken ct = default)
    {
        var firsts = await Task.WhenAll(shards.Select(async shard =>
        {
            var rows = tables.Due.QueryAsync<TableEntity>(
                TimeRows(shard), maxPerPage: 1, select: ["DueUtc"], cancellationToken: ct);
            await foreach (var row in rows)
                return (Shard: shard, Due: row.GetDateTimeOffset("DueUtc"));
            return (Shard: shard, Due: null);
        }));
        return firsts.ToDictionary(f => f.Shard, f => f.Due);
    }

    /// <summary>The armed slots of one couple (for operator views).</summary>
    public async Task<IReadOnlyList<DueSlot>> ReadArmedAsync(string coupleId, CancellationToken ct = default)
    {
        var armed = new List<DueSlot>();
        await foreach (var row in QueryPointersAsync(coupleId, ct))
        {
            if (!IsHeld(row)) armed.Add(ToSlot(row));
        }
        return armed;
    }

    private IAsyncEnumerable<TableEntity> QueryPointersAsync(string coupleId, CancellationToken ct) =>
        tables.Due.QueryAsync<TableEntity>(PointerRows(coupleId), cancellationToken: ct);

    private async Task<bool> TrySubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken ct)
    {
        try
        {
            await tables.Due.SubmitTransactionAsync(actions, ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }
}
