using System.Globalization;
using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Prompts;

/// <summary>
/// The couple's prompts of the last year, one row in the couple's partition ("rotation"), a compact
/// list per slot ("day:partner:id;..."). Written once per couple, slot and date with optimistic
/// concurrency, so partners whose texts go out at different moments share the pick; erased with the couple.
/// </summary>
public sealed class RotationLog(Tables tables)
{
    /// <summary>The stored picks and the row's concurrency token (null when there is no row yet).</summary>
    public async Task<(Dictionary<Slot, List<Pick>> Picks, ETag? ETag)> ReadAsync(string coupleId, CancellationToken ct = default)
    {
        var row = await tables.History.GetEntityIfExistsAsync<TableEntity>(
            coupleId, CoupleRows.Rotation, cancellationToken: ct);
        return (Picks(row.HasValue ? row.Value : null), row.HasValue ? row.Value!.ETag : null);
    }

    private static Dictionary<Slot, List<Pick>> Picks(TableEntity? row) =>
        Enum.GetValues<Slot>().ToDictionary(s => s, s => row is null ? [] : ParseList(row.GetString(s.ToString())));

    /// <summary>
    /// The couple, its picks and its answers from <paramref name="answersFrom"/> on, in one range query
    /// over the couple's partition: the dated rows sort before the profile and the rotation, and only
    /// answers among them come back.
    /// </summary>
    public async Task<RotationRead> ReadWithCoupleAsync(string coupleId, DateOnly answersFrom, CancellationToken ct = default)
    {
        var filter = CoupleRows.SinceWithProfileAndRotation(coupleId, answersFrom, AnswerRecord.AnswerKind);
        Couple? couple = null;
        TableEntity? rotation = null;
        var answers = new List<AnswerRecord>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (row.RowKey == CoupleRows.Profile) couple = CoupleColumns.FromRow(row);
            else if (row.RowKey == CoupleRows.Rotation) rotation = row;
            else answers.Add(HistoryColumns.ToAnswer(row));
        }
        return new RotationRead(couple, Picks(rotation), rotation?.ETag, answers, answersFrom);
    }

    /// <summary>Stores the picks, keeping only the last year; false when someone else wrote first (read
    /// again).</summary>
    public async Task<bool> TryWriteAsync(string coupleId, Dictionary<Slot, List<Pick>> picks, ETag? etag, int today, CancellationToken ct = default)
    {
        try
        {
            await tables.History.SubmitTransactionAsync([Write(coupleId, picks, etag, today)], ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// The write that stores the picks, keeping only the last year, if nobody wrote since they were
    /// read: on its own (<see cref="TryWriteAsync"/>) or in the transaction that claims the texts.
    /// </summary>
    public static TableTransactionAction Write(string coupleId, Dictionary<Slot, List<Pick>> picks, ETag? etag, int today)
    {
        var row = new TableEntity(coupleId, CoupleRows.Rotation);
        foreach (var (slot, list) in picks)
            row[slot.ToString()] = string.Join(';', list.Where(p => p.Day > today - PromptChoice.NoRepeatDays - 1).Select(p => $"{p.Day.ToString(CultureInfo.InvariantCulture)}:{p.Partner}:{p.PromptId}"));
        return etag is { } known
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, known)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
    }

    private static List<Pick> ParseList(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(';').Select(entry => entry.Split(':')).Select(f => new Pick(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2])).ToList();
}

/// <summary>One read of a couple's partition for its prompt of the day: the profile (null when the partition has none),
/// the picks, and the answers since <paramref name="AnswersFrom"/>.</summary>
public sealed record RotationRead(Couple? Couple, Dictionary<Slot, List<Pick>> Picks, ETag? ETag, IReadOnlyList<AnswerRecord> Answers, DateOnly AnswersFrom);
