using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Couples;

/// <summary>
/// Couples still waiting for someone's YES, listed in the sign-up table by enrollment time, so the
/// daily sweep reads only the ones past their week. Written at enrollment, removed by erasure and the sweep.
/// </summary>
public sealed class PendingCouples(Tables tables)
{
    private const string Partition = "pending";

    public Task AddAsync(Couple couple, CancellationToken ct = default) =>
        tables.SignUps.UpsertEntityAsync(new TableEntity(Partition, Key(couple.CreatedUtc, couple.Id)), TableUpdateMode.Replace, ct);

    public Task RemoveAsync(Couple couple, CancellationToken ct = default) =>
        tables.SignUps.DeleteEntityAsync(Partition, Key(couple.CreatedUtc, couple.Id), cancellationToken: ct);

    /// <summary>The ids of couples enrolled before <paramref name="before"/>, with the row keys to remove them
    /// by.</summary>
    public async Task<IReadOnlyList<(string CoupleId, string RowKey)>> EnrolledBeforeAsync(DateTimeOffset before, CancellationToken ct = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {Key(before, "~")}");
        var found = new List<(string, string)>();
        await foreach (var row in tables.SignUps.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct))
            found.Add((row.RowKey[(row.RowKey.IndexOf('|') + 1)..], row.RowKey));
        return found;
    }

    public Task RemoveAsync(string rowKey, CancellationToken ct = default) => tables.SignUps.DeleteEntityAsync(Partition, rowKey, cancellationToken: ct);

    /// <summary>Enrollment time first, so a range query finds the expired ones.</summary>
    private static string Key(DateTimeOffset createdUtc, string coupleId) => $"{createdUtc.UtcTicks:D19}|{coupleId}";
}
