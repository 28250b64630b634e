using Azure.Data.Tables;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;

namespace HappyTogether.Model.Scheduling;

// Arming, moving and disarming slots: a time row and its pointer row change together, in one transaction.
public sealed partial class DueIndex
{
    /// <summary>Arms (or re-arms, after a change) every slot of a partner at its next occurrence.</summary>
    public async Task ArmAsync(Couple couple, Partner partner, DateTimeOffset now, CancellationToken ct = default)
    {
        foreach (var slot in Enum.GetValues<Slot>())
        {
            var time = partner.TimeOf(slot);
            var due = ZoneTime.NextOccurrence(now, time, partner.Zone, partner.DayOf(slot));
            var date = ZoneTime.LocalDate(due, partner.Zone);
            var next = new DueSlot(couple.Id, partner.Key, slot, due, date, partner.TimeZone, time)
            {
                Weekday = partner.DayOf(slot),
            };
            await ReplaceAsync(next, ct);
        }
    }

    /// <summary>
    /// Arms slots that have no armed row yet (a bulk import of couples), many per transaction.
    /// Fails on a slot that is already armed; use <see cref="ArmAsync"/> to move one.
    /// </summary>
    internal async Task ArmNewAsync(IEnumerable<DueSlot> slots, CancellationToken ct = default)
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
    public async Task<int> RearmAsync(
        IReadOnlyList<(DueSlot Fired, DueSlot Next)> moves, CancellationToken ct = default)
    {
        var moved = 0;
        var chunks = moves.GroupBy(m => Partition(m.Fired.CoupleId)).SelectMany(g => g.Chunk(MaxTransaction / 3));
        foreach (var chunk in chunks)
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
        new(TableTransactionActionType.Delete,
            new TableEntity(Partition(move.Fired.CoupleId), TimeKey(move.Fired)), move.Fired.ETag),
        new(TableTransactionActionType.Add, ToEntity(move.Next, TimeKey(move.Next))),
        new(TableTransactionActionType.UpsertReplace, ToEntity(move.Next, PointerKey(move.Next))),
    ];

    /// <summary>Removes every armed slot of the given partners (or of the whole couple, held jobs too).</summary>
    public Task DisarmAsync(string coupleId, string? partner = null, CancellationToken ct = default) =>
        DisarmAsync(coupleId, partner, 0, ct);

    private async Task DisarmAsync(string coupleId, string? partner, int attempt, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>();
        await foreach (var pointer in QueryPointersAsync(coupleId, ct))
        {
            string timeKey;
            if (IsHeld(pointer))
            {
                // A held job goes only with the couple; for one partner, the sender's rules decide when it is read.
                if (partner is not null) continue;
                timeKey = pointer.GetString("TimeKey");
            }
            else
            {
                var slot = ToSlot(pointer);
                if (partner is not null && slot.Partner != partner) continue;
                timeKey = TimeKey(slot);
            }
            actions.Add(new(TableTransactionActionType.Delete, pointer, pointer.ETag));
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(Partition(coupleId), timeKey)));
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
        var partition = Partition(next.CoupleId);
        for (var attempt = 0; ; attempt++)
        {
            var pointer = await tables.Due.GetEntityIfExistsAsync<TableEntity>(
                partition, PointerKey(next), cancellationToken: ct);
            var actions = new List<TableTransactionAction>();
            if (pointer.HasValue)
            {
                var old = ToSlot(pointer.Value!);
                if (TimeKey(old) == TimeKey(next)) return;
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, TimeKey(old))));
                actions.Add(new(
                    TableTransactionActionType.UpdateReplace, ToEntity(next, PointerKey(next)), pointer.Value!.ETag));
            }
            else
            {
                actions.Add(new(TableTransactionActionType.Add, ToEntity(next, PointerKey(next))));
            }
            actions.Add(new(TableTransactionActionType.UpsertReplace, ToEntity(next, TimeKey(next))));
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
}
