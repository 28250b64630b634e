using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Couples;

/// <summary>
/// Couples, their consent log and the phone index in Table Storage. A couple's profile is the
/// "couple" row of its history partition, so one range query can read it with its recent history.
/// The phone index and the move from the old table are the other parts of this class.
/// </summary>
public sealed partial class CoupleStore(Tables tables)
{
    public async Task<Couple?> GetAsync(string coupleId, CancellationToken ct = default)
    {
        // An id from a URL that cannot be a key names no couple (Table Storage would answer 400).
        if (!TableKeys.IsValid(coupleId)) return null;
        var row = await tables.History.GetEntityIfExistsAsync<TableEntity>(
            coupleId, CoupleRows.Profile, cancellationToken: ct);
        if (row.HasValue) return CoupleColumns.FromRow(row.Value!);
        return await MoveFromLegacyAsync(coupleId, ct) ? await GetAsync(coupleId, ct) : null;
    }

    public async Task AddAsync(Couple couple, CancellationToken ct = default)
    {
        var response = await tables.History.AddEntityAsync(CoupleColumns.ToEntity(couple), ct);
        couple.ETag = response.Headers.ETag?.ToString() ?? "";
    }

    /// <summary>Saves the couple if nobody changed it since it was read; throws a 412 otherwise.</summary>
    public async Task UpdateAsync(Couple couple, CancellationToken ct = default)
    {
        var response = await tables.History.UpdateEntityAsync(
            CoupleColumns.ToEntity(couple), new ETag(couple.ETag), TableUpdateMode.Replace, ct);
        couple.ETag = response.Headers.ETag?.ToString() ?? "";
    }

    /// <summary>
    /// Reads the couple, applies <paramref name="change"/> and saves it, reading again if someone else
    /// saved in between. The change returns false to save nothing. Null when the couple is gone.
    /// </summary>
    public async Task<Couple?> MutateAsync(string coupleId, Func<Couple, bool> change, CancellationToken ct = default)
    {
        while (true)
        {
            var couple = await GetAsync(coupleId, ct);
            if (couple is null || !change(couple) || await TrySaveAsync(couple, ct)) return couple;
            // Changed concurrently: apply the change to the fresh copy.
        }
    }

    /// <summary>
    /// As <see cref="MutateAsync(string, Func{Couple, bool}, CancellationToken)"/>, starting from a copy
    /// of <paramref name="read"/>, which this request has already read: no second read unless someone
    /// else saved since. <paramref name="read"/> itself is left as it was.
    /// </summary>
    public async Task<Couple?> MutateAsync(Couple read, Func<Couple, bool> change, CancellationToken ct = default)
    {
        if (read.ETag.Length > 0)
        {
            var copy = CoupleColumns.FromRow(CoupleColumns.ToEntity(read));
            copy.ETag = read.ETag;
            if (!change(copy) || await TrySaveAsync(copy, ct)) return copy;
        }
        // Changed or erased since it was read, or never read from storage: start again from what is stored.
        return await MutateAsync(read.Id, change, ct);
    }

    /// <summary>Saves the couple unless it changed or went since it was read (false: read it again).</summary>
    private async Task<bool> TrySaveAsync(Couple couple, CancellationToken ct)
    {
        try
        {
            await UpdateAsync(couple, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Appends to the couple's consent log (when, how, and the text the person agreed to); a retry of
    /// the same change at the same instant writes the same row again.
    /// </summary>
    public Task AddConsentRecordAsync(
        string coupleId, string partnerKey, ConsentState state, string method, string disclosure, DateTimeOffset utc,
        CancellationToken ct = default) =>
        tables.History.UpsertEntityAsync(
            new TableEntity(coupleId, CoupleRows.ConsentRecord(partnerKey, utc, state))
            {
                ["Partner"] = partnerKey,
                ["State"] = state.ToString(),
                ["Method"] = method,
                ["Disclosure"] = disclosure,
                ["AtUtc"] = utc,
            },
            TableUpdateMode.Replace,
            ct);

    internal async Task<IReadOnlyList<TableEntity>> ReadConsentLogAsync(string coupleId, CancellationToken ct = default)
    {
        var rows = new List<TableEntity>();
        var filter = CoupleRows.Filter(coupleId, CoupleRows.ConsentLog);
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    /// <summary>
    /// Deletes what is left of the couple's partition (erasure deletes the history first, the profile
    /// last), and any rows not yet moved from the old table.
    /// </summary>
    public async Task DeleteAllAsync(string coupleId, CancellationToken ct = default)
    {
        await TableBatches.DeletePartitionAsync(tables.History, coupleId, ct: ct);
        await TableBatches.DeletePartitionAsync(tables.LegacyCouples, coupleId, ct: ct);
    }
}
