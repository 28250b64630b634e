using Azure.Data.Tables;

namespace HappyTogether.Foundation.Storage;

/// <summary>Bulk operations that Table Storage only offers as 100-row transactions within one partition.</summary>
public static class TableBatches
{
    /// <summary>The most rows one transaction takes.</summary>
    public const int MaxBatch = 100;

    /// <summary>Deletes every row of a partition, or all but the row <paramref name="keep"/>; returns how many were
    /// deleted.</summary>
    public static async Task<int> DeletePartitionAsync(TableClient table, string partitionKey, string? keep = null, CancellationToken ct = default)
    {
        var filter = keep is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ne {keep}");
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct))
            keys.Add(row.RowKey);
        await DeleteRowsAsync(table, partitionKey, keys, ct);
        return keys.Count;
    }

    /// <summary>Deletes the named rows of one partition in as few transactions as possible.</summary>
    public static async Task DeleteRowsAsync(TableClient table, string partitionKey, IEnumerable<string> rowKeys, CancellationToken ct = default)
    {
        foreach (var chunk in rowKeys.Chunk(MaxBatch))
        {
            var actions = chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rk)));
            await table.SubmitTransactionAsync(actions, ct);
        }
    }
}
