using System.Globalization;
using Azure;
using Azure.Data.Tables;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Foundation.Storage;
using HappyTogether.Foundation.TimeZones;

namespace HappyTogether.Model.Scheduling;

/// <summary>One partner's next scheduled text: when it is due and the local date it belongs to.</summary>
public sealed record DueSlot(string CoupleId, string Partner, Slot Slot, DateTimeOffset DueUtc, DateOnly LocalDate, string TimeZone, TimeOnly LocalTime)
{
    /// <summary>The weekday of a weekly slot; null for daily ones.</summary>
    public DayOfWeek? Weekday { get; init; }

    /// <summary>Storage concurrency token of the row this was read from.</summary>
    public ETag ETag { get; init; }

    /// <summary>The same slot's following occurrence.</summary>
    public DueSlot Next(DateTimeOffset after)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var due = ZoneTime.NextOccurrence(after, LocalTime, zone, Weekday);
        return this with { DueUtc = due, LocalDate = ZoneTime.LocalDate(due, zone), ETag = default };
    }
}

/// <summary>A job held until its recipients' waking hours, as read back from the due index.</summary>
public sealed record HeldJob(OutboundJob Job, DateTimeOffset DueUtc, string RowKey);

/// <summary>What is due: armed slots, and held jobs whose time has come.</summary>
public sealed record DueRows(IReadOnlyList<DueSlot> Slots, IReadOnlyList<HeldJob> Held);

/// <summary>
/// The due-time index. Rows "t|{utc}|..." are ordered by due time, so the scheduler reads only what
/// is due with one range query per shard, however many couples are enrolled. Each slot's row
/// "p|{couple}|..." points at its armed time row. A couple's rows all sit in one shard partition
/// ("due-00" to "due-15", by a stable hash of the couple id), so moving a slot is one transaction
/// while the evening wave spreads over sixteen partitions' write limits. A text that found its
/// recipient asleep is held here too, as a time row carrying its job ("t|{utc}|{couple}|~held|..."),
/// so the same read that finds due slots releases it, on the real clock or the simulated one.
/// </summary>
public sealed class DueIndex(Tables tables)
{
    /// <summary>Partitions the index is spread over; part of the stored layout, so changing it needs a migration.</summary>
    public const int Shards = 16;

    private const string TimePrefix = "t|";
    private const string PointerPrefix = "p|";
    private const string HeldMarker = "~held";
    private const int MaxTransaction = 100;

    /// <summary>Every armed slot and held job due at or before <paramref name="now"/>, earliest first: one range query per shard, in parallel.</summary>
    public async Task<DueRows> ReadDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var upTo = $"{TimePrefix}{Stamp(now)}|~";
        var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(async shard =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ShardKey(shard)} and RowKey ge {TimePrefix} and RowKey le {upTo}");
            var rows = new List<TableEntity>();
            await foreach (var row in tables.Due.QueryAsync<TableEntity>(filter, cancellationToken: ct))
                rows.Add(row);
            return rows;
        }));
        var all = shards.SelectMany(s => s).ToList();
        return new DueRows(
            all.Where(r => !IsHeld(r)).Select(ToSlot).OrderBy(s => s.DueUtc).ToList(),
            all.Where(IsHeld).Select(r => new HeldJob(OutboundJob.ParseMessage(r.GetString("Job"))[0], r.GetDateTimeOffset("DueUtc")!.Value, r.RowKey)).OrderBy(h => h.DueUtc).ToList());
    }

    /// <summary>
    /// Holds <paramref name="job"/> until <paramref name="until"/>, when a scheduler tick queues it again:
    /// a time row carrying the job, and a pointer row so erasing the couple finds it. With
    /// <paramref name="ifNotHeld"/>, a job held already stays as it is (a retried webhook holds its nudge again).
    /// </summary>
    public async Task HoldAsync(OutboundJob job, DateTimeOffset until, CancellationToken ct = default, bool ifNotHeld = false)
    {
        var id = $"{job.CoupleId}|{HeldMarker}|{job.Kind}|{DateKey.Of(job.Date)}|{string.Join(',', job.Partners)}|{job.Ref}";
        var timeKey = $"{TimePrefix}{Stamp(until)}|{id}";
        var message = OutboundJob.ToMessage([job with { Deferrals = 0 }]);
        var write = ifNotHeld ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace;
        try
        {
            await tables.Due.SubmitTransactionAsync(
            [
                new(write, new TableEntity(Partition(job.CoupleId), timeKey) { ["DueUtc"] = until, ["Job"] = message }),
                new(write, new TableEntity(Partition(job.CoupleId), $"{PointerPrefix}{id}") { ["DueUtc"] = until, ["Job"] = message, ["TimeKey"] = timeKey }),
            ], ct);
        }
        catch (TableTransactionFailedException e) when (ifNotHeld && e.Status == 409)
        {
            // Held already.
        }
    }

    /// <summary>Removes held jobs once they are queued again; a second tick that queued them too meets the sender's claims.</summary>
    public async Task ReleaseAsync(IReadOnlyList<HeldJob> held, CancellationToken ct = default)
    {
        foreach (var chunk in held.GroupBy(h => Partition(h.Job.CoupleId)).SelectMany(g => g.Chunk(MaxTransaction / 2)))
        {
            await TrySubmitAsync(chunk.SelectMany(h => new TableTransactionAction[]
            {
                new(TableTransactionActionType.Delete, new TableEntity(Partition(h.Job.CoupleId), h.RowKey)),
                new(TableTransactionActionType.Delete, new TableEntity(Partition(h.Job.CoupleId), PointerPrefix + h.RowKey[(h.RowKey.IndexOf('|', TimePrefix.Length) + 1)..])),
            }), ct);
        }
    }

    private static bool IsHeld(TableEntity row) => row.ContainsKey("Job");

    /// <summary>When the earliest armed slot is due, or null when nothing is armed.</summary>
    public async Task<DateTimeOffset?> EarliestAsync(CancellationToken ct = default) =>
        (await EarliestByShardAsync(Enumerable.Range(0, Shards), ct)).Values.Min();

    /// <summary>When each given shard's earliest armed slot is due (null where none is): one query per shard, in parallel.</summary>
    public async Task<IReadOnlyDictionary<int, DateTimeOffset?>> EarliestByShardAsync(IEnumerable<int> shards, CancellationToken ct = default)
    {
        var firsts = await Task.WhenAll(shards.Select(async shard =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ShardKey(shard)} and RowKey ge {TimePrefix} and RowKey lt {"t}"}");
            await foreach (var row in tables.Due.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["DueUtc"], cancellationToken: ct))
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

    /// <summary>Arms (or re-arms, after a change) every slot of a partner at its next occurrence.</summary>
    public async Task ArmAsync(Couple couple, Partner partner, DateTimeOffset now, CancellationToken ct = default)
    {
        foreach (var slot in Enum.GetValues<Slot>())
        {
            var time = partner.TimeOf(slot);
            var due = ZoneTime.NextOccurrence(now, time, partner.Zone, partner.DayOf(slot));
            var next = new DueSlot(couple.Id, partner.Key, slot, due, ZoneTime.LocalDate(due, partner.Zone), partner.TimeZone, time) { Weekday = partner.DayOf(slot) };
            await ReplaceAsync(next, ct);
        }
    }

    /// <summary>
    /// Arms slots that have no armed row yet (a bulk import of couples), many per transaction.
    /// Fails on a slot that is already armed; use <see cref="ArmAsync"/> to move one.
    /// </summary>
    public async Task ArmNewAsync(IEnumerable<DueSlot> slots, CancellationToken ct = default)
    {
        foreach (var chunk in slots.GroupBy(s => Partition(s.CoupleId)).SelectMany(g => g.Chunk(MaxTransaction / 2)))
        {
            var actions = chunk.SelectMany(s => new[]
            {
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(s, TimeKey(s))),
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(s, PointerKey(s))),
            });
            await tables.Due.SubmitTransactionAsync(actions, ct);
        }
    }

    /// <summary>
    /// Moves fired slots to their next occurrences, many per transaction (grouped by shard
    /// partition). Returns how many moved; a slot someone else moved first (a second scheduler run,
    /// a schedule change) is left as they left it.
    /// </summary>
    public async Task<int> RearmAsync(IReadOnlyList<(DueSlot Fired, DueSlot Next)> moves, CancellationToken ct = default)
    {
        var moved = 0;
        foreach (var chunk in moves.GroupBy(m => Partition(m.Fired.CoupleId)).SelectMany(g => g.Chunk(MaxTransaction / 3)))
        {
            if (await TrySubmitAsync(chunk.SelectMany(RearmActions), ct))
            {
                moved += chunk.Length;
                continue;
            }
            // One slot in the chunk raced; move the others one by one.
            foreach (var move in chunk)
            {
                if (await TrySubmitAsync(RearmActions(move), ct)) moved++;
            }
        }
        return moved;
    }

    private static IEnumerable<TableTransactionAction> RearmActions((DueSlot Fired, DueSlot Next) move) =>
    [
        new(TableTransactionActionType.Delete, new TableEntity(Partition(move.Fired.CoupleId), TimeKey(move.Fired)), move.Fired.ETag),
        new(TableTransactionActionType.Add, ToEntity(move.Next, TimeKey(move.Next))),
        new(TableTransactionActionType.UpsertReplace, ToEntity(move.Next, PointerKey(move.Next))),
    ];

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

    /// <summary>Removes every armed slot of the given partners (or of the whole couple, held jobs too).</summary>
    public Task DisarmAsync(string coupleId, string? partner = null, CancellationToken ct = default) => DisarmAsync(coupleId, partner, 0, ct);

    private async Task DisarmAsync(string coupleId, string? partner, int attempt, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>();
        await foreach (var pointer in QueryPointersAsync(coupleId, ct))
        {
            if (IsHeld(pointer))
            {
                // A held job goes only with the couple; for one partner, the sender's rules decide when it is read.
                if (partner is not null) continue;
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, pointer, pointer.ETag));
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition(coupleId), pointer.GetString("TimeKey"))));
                continue;
            }
            var slot = ToSlot(pointer);
            if (partner is not null && slot.Partner != partner) continue;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, pointer, pointer.ETag));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition(coupleId), TimeKey(slot))));
        }
        if (actions.Count == 0) return;
        try
        {
            await tables.Due.SubmitTransactionAsync(actions, ct);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412 && attempt < 5)
        {
            // The scheduler moved a slot meanwhile: read the pointers again.
            await DisarmAsync(coupleId, partner, attempt + 1, ct);
        }
    }

    private async Task ReplaceAsync(DueSlot next, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var pointer = await tables.Due.GetEntityIfExistsAsync<TableEntity>(Partition(next.CoupleId), PointerKey(next), cancellationToken: ct);
            var actions = new List<TableTransactionAction>();
            if (pointer.HasValue)
            {
                var old = ToSlot(pointer.Value!);
                if (TimeKey(old) == TimeKey(next)) return;
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition(next.CoupleId), TimeKey(old))));
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(next, PointerKey(next)), pointer.Value!.ETag));
            }
            else
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(next, PointerKey(next))));
            }
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(next, TimeKey(next))));
            try
            {
                await tables.Due.SubmitTransactionAsync(actions, ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && attempt < 5)
            {
                // Raced with the scheduler moving this slot; read the pointer again.
            }
        }
    }

    private IAsyncEnumerable<TableEntity> QueryPointersAsync(string coupleId, CancellationToken ct)
    {
        var from = $"{PointerPrefix}{coupleId}|";
        var to = $"{PointerPrefix}{coupleId}}}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(coupleId)} and RowKey ge {from} and RowKey lt {to}");
        return tables.Due.QueryAsync<TableEntity>(filter, cancellationToken: ct);
    }

    private static string Stamp(DateTimeOffset utc) => utc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string TimeKey(DueSlot s) => $"{TimePrefix}{Stamp(s.DueUtc)}|{s.CoupleId}|{s.Partner}|{s.Slot}";

    private static string PointerKey(DueSlot s) => $"{PointerPrefix}{s.CoupleId}|{s.Partner}|{s.Slot}";

    /// <summary>The shard partition of a couple's rows.</summary>
    public static string Partition(string coupleId) => ShardKey((int)(HappyTogether.Foundation.Text.StableHash.Of(coupleId) % Shards));

    private static string ShardKey(int shard) => $"due-{shard:D2}";

    private static TableEntity ToEntity(DueSlot s, string rowKey) => new(Partition(s.CoupleId), rowKey)
    {
        ["CoupleId"] = s.CoupleId,
        ["Partner"] = s.Partner,
        ["Slot"] = s.Slot.ToString(),
        ["DueUtc"] = s.DueUtc,
        ["LocalDate"] = DateKey.Of(s.LocalDate),
        ["TimeZone"] = s.TimeZone,
        ["LocalTime"] = s.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["Weekday"] = s.Weekday?.ToString(),
    };

    private static DueSlot ToSlot(TableEntity e) => new(
        e.GetString("CoupleId"),
        e.GetString("Partner"),
        Enum.Parse<Slot>(e.GetString("Slot")),
        e.GetDateTimeOffset("DueUtc")!.Value,
        DateKey.Parse(e.GetString("LocalDate")),
        e.GetString("TimeZone"),
        TimeOnly.ParseExact(e.GetString("LocalTime"), "HH:mm", CultureInfo.InvariantCulture))
    {
        ETag = e.ETag,
        Weekday = e.GetString("Weekday") is { } day ? Enum.Parse<DayOfWeek>(day) : null,
    };
}
