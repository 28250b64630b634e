using System.Globalization;
using Azure;
using Azure.Data.Tables;
using HappyTogether.Scheduling;
using HappyTogether.Storage;

namespace HappyTogether.Prompts;

/// <summary>
/// The couple's prompts of the last year, one row in the couple's partition ("rotation"), a compact
/// list per slot ("day:partner:id;..."). Written once per couple, slot and date with optimistic
/// concurrency, so partners whose texts go out at different moments share the pick; erased with the couple.
/// </summary>
public sealed class RotationLog(Tables tables)
{
    private const string Row = "rotation";

    /// <summary>The stored picks and the row's concurrency token (null when there is no row yet).</summary>
    public async Task<(Dictionary<Slot, List<Pick>> Picks, ETag? ETag)> ReadAsync(string coupleId, CancellationToken ct = default)
    {
        var row = await tables.Couples.GetEntityIfExistsAsync<TableEntity>(coupleId, Row, cancellationToken: ct);
        var picks = Enum.GetValues<Slot>().ToDictionary(s => s, s => row.HasValue ? ParseList(row.Value!.GetString(s.ToString())) : []);
        return (picks, row.HasValue ? row.Value!.ETag : null);
    }

    /// <summary>Stores the picks, keeping only the last year; false when someone else wrote first (read again).</summary>
    public async Task<bool> TryWriteAsync(string coupleId, Dictionary<Slot, List<Pick>> picks, ETag? etag, int today, CancellationToken ct = default)
    {
        var row = new TableEntity(coupleId, Row);
        foreach (var (slot, list) in picks)
            row[slot.ToString()] = string.Join(';', list.Where(p => p.Day > today - PromptChoice.NoRepeatDays - 1).Select(p => $"{p.Day.ToString(CultureInfo.InvariantCulture)}:{p.Partner}:{p.PromptId}"));
        try
        {
            if (etag is { } known) await tables.Couples.UpdateEntityAsync(row, known, TableUpdateMode.Replace, ct);
            else await tables.Couples.AddEntityAsync(row, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static List<Pick> ParseList(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(';').Select(entry => entry.Split(':')).Select(f => new Pick(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2])).ToList();
}
