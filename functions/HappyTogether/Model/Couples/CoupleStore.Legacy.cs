using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Couples;

// Profiles, consent logs and rotations still in the table they lived in before move on first read.
public sealed partial class CoupleStore
{
    /// <summary>
    /// Moves a couple's profile, consent log and rotation from the table they lived in before
    /// (<see cref="Tables.LegacyCouples"/>) into its history partition, the profile in the last
    /// transaction so that a move cut short is made again on the next read; then removes the old rows.
    /// False when there is nothing to move.
    /// </summary>
    private async Task<bool> MoveFromLegacyAsync(string coupleId, CancellationToken ct)
    {
        // The old table exists: start-up creates every table, that one included.
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {coupleId}");
        await foreach (var row in tables.LegacyCouples.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            rows.Add(row);
        if (!rows.Any(r => r.RowKey == CoupleRows.Profile)) return false;
        var ordered = rows.OrderBy(r => r.RowKey == CoupleRows.Profile).ToList();
        foreach (var chunk in ordered.Chunk(TableBatches.MaxBatch))
        {
            var actions = chunk.Select(r => r.RowKey == CoupleRows.Profile
                ? new TableTransactionAction(TableTransactionActionType.Add, Copy(r))
                : new TableTransactionAction(TableTransactionActionType.UpsertReplace, Copy(r)));
            try
            {
                await tables.History.SubmitTransactionAsync(actions, ct);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // Another read moved it at the same moment.
            }
        }
        await TableBatches.DeleteRowsAsync(tables.LegacyCouples, coupleId, rows.Select(r => r.RowKey), ct);
        return true;
    }

    private static TableEntity Copy(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (key, value) in row)
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp")
                && !key.StartsWith("odata.", StringComparison.Ordinal))
                copy[key] = value;
        return copy;
    }
}
