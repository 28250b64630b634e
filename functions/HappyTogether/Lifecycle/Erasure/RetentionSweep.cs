using Azure;
using Azure.Data.Tables;
using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Storage;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HappyTogether.Lifecycle.Erasure;

/// <summary>What one retention run deleted.</summary>
public sealed record RetentionResult(int Couples, int HistoryRows, int OutboxRows)
{
    public int Rows => HistoryRows + OutboxRows;
}

/// <summary>
/// Part of the daily sweep: deletes what partners wrote and were sent once it is older than RetentionDays by local
/// date: every dated row of a couple's history partition (answers, notes, reactions, replies, the claims and records
/// of texts out), the answered nights kept on the rotation row, and outbox texts. The profile, the consent log (proof
/// of opt-in), the prompt rotation's picks and the suppression list stay: they carry no one's words, and the service
/// needs them.
/// </summary>
/// <remarks>
/// Cost: per couple per day, one query (its rows before the cutoff, with the profile for its zones) and one
/// entity-group delete (a day's rows are well under 100), plus a thousandth of a page of the couple listing: about
/// two requests, so about 2,001,000 a day for 1,000,000 couples (cents a day), and one filtered scan of the outbox,
/// empty with Twilio. At <see cref="CouplesAtOnce"/> couples side by side that is minutes, well inside the Functions
/// timeout. A run interrupted, or run twice, leaves nothing wrong: each run deletes whatever is older than the
/// cutoff, not one day's rows, so the next one finishes the job and otherwise finds nothing.
/// </remarks>
public sealed class RetentionSweep(Tables tables, CoupleStore couples, IOptions<HappyTogetherOptions> options, TimeProvider clock, ILogger<RetentionSweep> log)
{
    /// <summary>Couples swept side by side: each is a query and a delete in a partition of its own, far below the
    /// account's 20,000 requests a second.</summary>
    private const int CouplesAtOnce = 64;

    /// <summary>The zone furthest ahead of UTC: no one's local date is later than UTC's plus this.</summary>
    private static readonly TimeSpan FurthestAhead = TimeSpan.FromHours(14);

    public async Task<RetentionResult> RunAsync(CancellationToken ct = default)
    {
        var days = options.Value.RetentionDays;
        var now = clock.GetUtcNow();
        var (swept, deleted, failed) = (0, 0, 0);
        await Parallel.ForEachAsync(couples.ListCoupleIdsAsync(ct), new ParallelOptions { MaxDegreeOfParallelism = CouplesAtOnce, CancellationToken = ct },
            async (coupleId, token) =>
            {
                int rows;
                try
                {
                    rows = await SweepCoupleAsync(coupleId, now, days, token);
                }
                catch (Exception e) when (e is Azure.RequestFailedException or FormatException)
                {
                    // One couple's fault must not stop everyone's retention until tomorrow; it is tried again then.
                    Interlocked.Increment(ref failed);
                    log.LogWarning("Retention: couple {CoupleId} could not be swept ({Error}).", coupleId, e.GetType().Name);
                    return;
                }
                if (rows == 0) return;
                Interlocked.Increment(ref swept);
                Interlocked.Add(ref deleted, rows);
                // Counted as it goes, so a run cut short still shows what it did.
                OpsMetrics.RetentionDeleted(rows);
            });
        var outbox = await SweepOutboxAsync(now, days, ct);
        OpsMetrics.RetentionDeleted(outbox);
        log.LogInformation("Retention: {Rows} history rows of {Couples} couples and {Outbox} outbox rows older than {Days} days deleted; {Failed} couples failed.", deleted, swept, outbox, days, failed);
        return new RetentionResult(swept, deleted, outbox);
    }

    /// <summary>
    /// Deletes a couple's dated rows older than <paramref name="days"/> in every zone the couple lives in (its own and
    /// each partner's: a long-distance couple's rows are dated in either), so nothing goes before its time anywhere.
    /// </summary>
    private async Task<int> SweepCoupleAsync(string coupleId, DateTimeOffset now, int days, CancellationToken ct)
    {
        // No local date is later than UTC's next day, so no row on or after this bound can be old enough.
        var bound = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - days);
        var range = new RowRange(DateKey.Of(DateOnly.MinValue), DateKey.Of(bound));
        TableEntity? profile = null;
        TableEntity? rotation = null;
        var dated = new List<(string RowKey, DateOnly Date)>();
        var filter = CoupleRows.WithProfileAndRotation(coupleId, range);
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, select: SweptColumns, cancellationToken: ct))
        {
            if (row.RowKey == CoupleRows.Profile) profile = row;
            else if (row.RowKey == CoupleRows.Rotation) rotation = row;
            else dated.Add((row.RowKey, DateKey.Parse(row.RowKey[..10])));
        }
        if (dated.Count == 0 && (rotation is null || RotationLog.Forget(coupleId, rotation, bound) is null)) return 0;
        string?[]? zones;
        if (profile is not null)
            zones = profile.GetDateTimeOffset("ErasingSinceUtc") is null ? [.. ProfileColumns[..3].Select(profile.GetString)] : null;
        else
            // A profile still in the old table (a couple quiet since the move) moves on this read, as on any.
            zones = await couples.GetAsync(coupleId, ct) is { ErasingSinceUtc: null } moved ? [moved.TimeZone, .. moved.Partners.Select(p => p.TimeZone)] : null;
        // No profile (erased meanwhile), or one being erased: the erasure deletes it all.
        if (zones is null) return 0;
        var cutoff = EarliestToday(zones, now).AddDays(-days);
        var old = dated.Where(r => r.Date < cutoff).Select(r => r.RowKey).ToList();
        await DeleteAsync(tables.History, coupleId, old, ct);
        await ForgetNightsAsync(coupleId, rotation, cutoff, ct);
        return old.Count;
    }

    /// <summary>
    /// Blanks the answered nights on the rotation row older than <paramref name="cutoff"/>, like the answers they came
    /// from. A couple still texting never has any (each day's pick drops them); one gone quiet keeps its last ones
    /// until now. Under the version read: if an answer came meanwhile, tomorrow's run does it.
    /// </summary>
    private async Task ForgetNightsAsync(string coupleId, TableEntity? rotation, DateOnly cutoff, CancellationToken ct)
    {
        if (rotation is null || RotationLog.Forget(coupleId, rotation, cutoff) is not { } forget) return;
        try
        {
            await tables.History.SubmitTransactionAsync([forget], ct);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
        }
    }

    private static readonly string[] ProfileColumns = ["TimeZone", "ATimeZone", "BTimeZone", "ErasingSinceUtc"];

    private static readonly string[] SweptColumns = ["RowKey", .. ProfileColumns, .. RotationLog.NightColumns.Select(c => c.Name)];

    /// <summary>The earliest local date it is now in any of the couple's zones.</summary>
    private static DateOnly EarliestToday(IEnumerable<string?> zoneIds, DateTimeOffset now)
    {
        // A zone that cannot be read counts as the one furthest behind, which keeps rows longest.
        var furthestBehind = DateOnly.FromDateTime(now.UtcDateTime.AddHours(-12));
        return zoneIds
            .Select(id => id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? ZoneTime.LocalDate(now, zone) : furthestBehind)
            .Min();
    }

    /// <summary>
    /// Deletes outbox texts (recorded instead of sent when Twilio is off; keyed by number and UTC time) sent before the
    /// cutoff date began in the zone furthest ahead: older than the retention in any recipient's local date. One
    /// filtered scan: the table holds only what runs without Twilio recorded.
    /// </summary>
    private async Task<int> SweepOutboxAsync(DateTimeOffset now, int days, CancellationToken ct)
    {
        var cutoffDate = DateOnly.FromDateTime(now.UtcDateTime.AddHours(-12)).AddDays(-days);
        var before = new DateTimeOffset(cutoffDate.ToDateTime(TimeOnly.MinValue), FurthestAhead);
        var filter = TableClient.CreateQueryFilter($"RowKey lt {before.UtcTicks.ToString("D19")}");
        var byNumber = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in tables.Outbox.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            if (!byNumber.TryGetValue(row.PartitionKey, out var keys)) byNumber[row.PartitionKey] = keys = [];
            keys.Add(row.RowKey);
        }
        foreach (var (number, keys) in byNumber)
            await DeleteAsync(tables.Outbox, number, keys, ct);
        return byNumber.Values.Sum(k => k.Count);
    }

    /// <summary>
    /// Deletes rows of one partition in entity-group transactions; when one fails because a row is already gone (a run
    /// side by side with this one, an erasure), that chunk is deleted row by row instead.
    /// </summary>
    private static async Task DeleteAsync(TableClient table, string partitionKey, IReadOnlyList<string> rowKeys, CancellationToken ct)
    {
        foreach (var chunk in rowKeys.Chunk(TableBatches.MaxBatch))
        {
            try
            {
                await TableBatches.DeleteRowsAsync(table, partitionKey, chunk, ct);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                foreach (var rowKey in chunk)
                {
                    try { await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, ct); }
                    catch (RequestFailedException gone) when (gone.Status == 404) { }
                }
            }
        }
    }
}
