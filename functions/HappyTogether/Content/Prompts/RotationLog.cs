using System.Globalization;
using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Prompts;

/// <summary>
/// The couple's prompts of the last year, one row in the couple's partition ("rotation"), a compact
/// list per slot ("day:partner:id;..."). Written once per couple, slot and date with optimistic
/// concurrency, so partners whose texts go out at different moments share the pick; erased with the couple.
/// Beside the picks, the row keeps each partner's answered nights of the last three weeks (<see
/// cref="AnsweredNight"/>), one column per partner and day of a three-week ring: an answer merges its own column in
/// its own transaction, so two answers never overwrite each other and the sender reads no answer rows.
/// </summary>
public sealed class RotationLog(Tables tables)
{
    /// <summary>Days the ring of answered nights spans: more than the two weeks choosing looks back, plus the day or two
    /// a partner's date can run ahead of the other's.</summary>
    public const int NightRing = 21;

    /// <summary>Days ahead of a send's date the nights can run: a partner's date in a later zone, with room.</summary>
    public const int DaysAhead = 3;

    /// <summary>Days back from today the nights of a written row reach: the two weeks choosing looks at, and three more;
    /// with <see cref="DaysAhead"/> that stays inside the ring, so no two kept nights share a column.</summary>
    private const int KeptDays = NightRing - DaysAhead - 1;

    /// <summary>The first date from which the ring holds every answer (absent until a read of the answers filled it).</summary>
    private const string NightsFromColumn = "NightsFrom";

    /// <summary>The stored picks and nights, and the row's concurrency token (null when there is no row yet).</summary>
    public async Task<RotationRow> ReadAsync(string coupleId, CancellationToken ct = default)
    {
        var row = await tables.History.GetEntityIfExistsAsync<TableEntity>(
            coupleId, CoupleRows.Rotation, cancellationToken: ct);
        return FromRow(row.HasValue ? row.Value : null);
    }

    /// <summary>
    /// The couple and its rotation row in one request: a range over the two rows, which sort next to each other, so
    /// the store reads those two and nothing else.
    /// </summary>
    public async Task<(Couple? Couple, RotationRow Rotation)> ReadWithCoupleAsync(string coupleId, CancellationToken ct = default)
    {
        Couple? couple = null;
        TableEntity? rotation = null;
        await foreach (var row in tables.History.QueryAsync<TableEntity>(CoupleRows.ProfileAndRotation(coupleId), cancellationToken: ct))
        {
            if (row.RowKey == CoupleRows.Profile) couple = CoupleColumns.FromRow(row);
            else if (row.RowKey == CoupleRows.Rotation) rotation = row;
        }
        return (couple, FromRow(rotation));
    }

    private static RotationRow FromRow(TableEntity? row)
    {
        var picks = Enum.GetValues<Slot>().ToDictionary(s => s, s => row is null ? [] : ParseList(row.GetString(s.ToString())));
        var nights = row is null ? [] : NightColumns.Select(c => AnsweredNight.Parse(c.Partner, row.GetString(c.Name))).OfType<AnsweredNight>().ToList();
        var from = row?.GetInt32(NightsFromColumn) is { } day ? DateOnly.FromDayNumber(day) : (DateOnly?)null;
        return new RotationRow(picks, nights, from, row?.ETag);
    }

    /// <summary>Stores the picks, keeping only the last year; false when someone else wrote first (read
    /// again).</summary>
    public async Task<bool> TryWriteAsync(string coupleId, RotationRow rotation, int today, CancellationToken ct = default)
    {
        try
        {
            await tables.History.SubmitTransactionAsync([Write(coupleId, rotation, today)], ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// The write that stores the picks, keeping only the last year, and the nights still in the ring, if nobody wrote
    /// since they were read: on its own (<see cref="TryWriteAsync"/>) or in the transaction that claims the texts.
    /// </summary>
    public static TableTransactionAction Write(string coupleId, RotationRow rotation, int today)
    {
        var row = new TableEntity(coupleId, CoupleRows.Rotation);
        foreach (var (slot, list) in rotation.Picks)
            row[slot.ToString()] = string.Join(';', list.Where(p => p.Day > today - PromptChoice.NoRepeatDays - 1).Select(p => $"{p.Day.ToString(CultureInfo.InvariantCulture)}:{p.Partner}:{p.PromptId}"));
        // Nights a few days ahead of today can be there (a partner's date runs ahead): those kept span less than the ring.
        foreach (var night in rotation.Nights.Where(n => n.Date.DayNumber >= today - KeptDays))
            row[ColumnOf(night.Partner, night.Date)] = night.Format();
        if (rotation.NightsFrom is { } from) row[NightsFromColumn] = from.DayNumber;
        return rotation.ETag is { } known
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, known)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
    }

    /// <summary>The write that records an answered night, for the transaction that stores the answer (or its mood):
    /// merged into the row whatever its version, since the column is that night's alone.</summary>
    public static TableTransactionAction Note(string coupleId, AnsweredNight night) =>
        new(TableTransactionActionType.UpsertMerge, new TableEntity(coupleId, CoupleRows.Rotation) { [ColumnOf(night.Partner, night.Date)] = night.Format() });

    /// <summary>Every column of the ring, with the partner it is for.</summary>
    public static readonly IReadOnlyList<(string Name, string Partner)> NightColumns =
        [.. new[] { Couple.PartnerA, Couple.PartnerB }.SelectMany(p => Enumerable.Range(0, NightRing).Select(i => (Name(p, i), p)))];

    /// <summary>
    /// The write that blanks the nights older than <paramref name="cutoff"/> (for the retention sweep), under the
    /// version read, so an answer merged meanwhile is never lost; null when the row holds none that old.
    /// </summary>
    public static TableTransactionAction? Forget(string coupleId, TableEntity row, DateOnly cutoff)
    {
        var old = NightColumns.Where(c => AnsweredNight.Parse(c.Partner, row.GetString(c.Name)) is { } n && n.Date < cutoff).ToList();
        if (old.Count == 0) return null;
        var blank = new TableEntity(coupleId, CoupleRows.Rotation);
        foreach (var (name, _) in old) blank[name] = "";
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, blank, row.ETag);
    }

    private static string ColumnOf(string partner, DateOnly date) => Name(partner, date.DayNumber % NightRing);

    private static string Name(string partner, int ring) => string.Create(CultureInfo.InvariantCulture, $"Night{partner}{ring:D2}");

    private static List<Pick> ParseList(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(';').Select(entry => entry.Split(':')).Select(f => new Pick(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2])).ToList();
}

/// <summary>The rotation row as read: the picks per slot, the answered nights, the date from which those hold every
/// answer (null: not known to), and the row's version (null when there is no row yet).</summary>
public sealed record RotationRow(Dictionary<Slot, List<Pick>> Picks, IReadOnlyList<AnsweredNight> Nights, DateOnly? NightsFrom, ETag? ETag)
{
    /// <summary>True when <see cref="Nights"/> holds every answer dated <paramref name="from"/> or later.</summary>
    public bool HasNightsFrom(DateOnly from) => NightsFrom is { } known && known <= from;
}
