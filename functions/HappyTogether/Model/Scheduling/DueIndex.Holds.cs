using Azure.Data.Tables;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Model.Scheduling;

// Jobs held until their recipients' waking hours: a time row carrying the job, and its pointer row.
public sealed partial class DueIndex
{
    /// <summary>
    /// Holds <paramref name="job"/> until <paramref name="until"/>, when a scheduler tick queues it again:
    /// a time row carrying the job, and a pointer row so erasing the couple finds it. With
    /// <paramref name="ifNotHeld"/>, a job held already stays as it is (a retried webhook holds its nudge again).
    /// </summary>
    public async Task HoldAsync(
        OutboundJob job, DateTimeOffset until, CancellationToken ct = default, bool ifNotHeld = false)
    {
        var id = HeldId(job);
        var timeKey = HeldTimeKey(until, id);
        var message = OutboundJob.ToMessage([job with { Deferrals = 0 }]);
        var write = ifNotHeld ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace;
        var partition = Partition(job.CoupleId);
        try
        {
            await tables.Due.SubmitTransactionAsync(
            [
                new(write, new TableEntity(partition, timeKey) { ["DueUtc"] = until, ["Job"] = message }),
                new(write, new TableEntity(partition, HeldPointerKey(id))
                {
                    ["DueUtc"] = until,
                    ["Job"] = message,
                    ["TimeKey"] = timeKey,
                }),
            ], ct);
        }
        catch (TableTransactionFailedException e) when (ifNotHeld && e.Status == 409)
        {
            // Held already.
        }
    }

    /// <summary>
    /// Removes held jobs once they are queued again; a second tick that queued them too meets the sender's claims.
    /// </summary>
    public async Task ReleaseAsync(IReadOnlyList<HeldJob> held, CancellationToken ct = default)
    {
        foreach (var shard in held.GroupBy(h => Partition(h.Job.CoupleId)))
            foreach (var chunk in shard.Chunk(MaxTransaction / 2))
            {
                await TrySubmitAsync(chunk.SelectMany(h => new TableTransactionAction[]
                {
                new(TableTransactionActionType.Delete, new TableEntity(shard.Key, h.RowKey)),
                new(TableTransactionActionType.Delete, new TableEntity(shard.Key, HeldPointerOf(h.RowKey))),
                }), ct);
            }
    }
}
