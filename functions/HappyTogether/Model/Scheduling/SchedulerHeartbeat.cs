using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Scheduling;

/// <summary>When the scheduler last ran to the end, kept in a row of its own so the health check can tell a stopped
/// timer from a quiet evening.</summary>
public sealed class SchedulerHeartbeat(Tables tables, TimeProvider clock)
{
    // A partition of its own in the due table: every read of due rows names its shard's partition, so none meets it.
    private const string Partition = "heartbeat";
    private const string Row = "scheduler";

    /// <summary>Marks a tick that ran to the end.</summary>
    public Task BeatAsync(CancellationToken ct = default) =>
        tables.Due.UpsertEntityAsync(new TableEntity(Partition, Row) { ["LastTickUtc"] = clock.GetUtcNow() }, TableUpdateMode.Replace, ct);

    /// <summary>When the last tick ended; null before the first.</summary>
    public async Task<DateTimeOffset?> LastAsync(CancellationToken ct = default)
    {
        var row = await tables.Due.GetEntityIfExistsAsync<TableEntity>(Partition, Row, ["LastTickUtc"], ct);
        return row.HasValue ? row.Value!.GetDateTimeOffset("LastTickUtc") : null;
    }
}
