using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Model.History;

/// <summary>Where an outbound text stands.</summary>
public static class OutboundStatus
{
    /// <summary>Claimed by a sender that has not yet recorded the outcome.</summary>
    public const string Sending = "sending";
    public const string Failed = "failed";

    /// <summary>Went out as the TwiML reply to the partner's own text (the reveal to the second to answer).</summary>
    public const string Replied = "replied";
}

/// <summary>An outbound text in a couple's history.</summary>
public sealed record OutboundRecord(DateOnly Date, string Kind, string Partner)
{
    public string? PromptId { get; init; }
    public string Status { get; init; } = OutboundStatus.Sending;
    public string? Sid { get; init; }
    public DateTimeOffset ClaimedUtc { get; init; }
    public DateTimeOffset? SentUtc { get; init; }
    public int? ErrorCode { get; init; }

    /// <summary>The attempt now holding the claim: the claimer, or a later one that took it over.</summary>
    public string? Attempt { get; init; }

    /// <summary>When the holding attempt started.</summary>
    public DateTimeOffset? AttemptUtc { get; init; }

    /// <summary>The holding attempt gave up, unsure whether it sent: the next one need not wait out the lease (see
    /// ReleaseAsync).</summary>
    public bool Released { get; init; }

    /// <summary>The stored row's version, for taking the claim over.</summary>
    public ETag ETag { get; init; }

    /// <summary>Tells apart two texts of one kind for one day and partner (see OutboundJob.Ref).</summary>
    public string? Ref { get; init; }

    /// <summary>One row per couple, local date, kind and partner: the key that makes a send happen once.</summary>
    public string RowKey => CoupleRows.Dated(Date, Kind, Partner, Ref);
}

/// <summary>A couple's time-ordered history: one partition per couple, rows keyed by local date.</summary>
public sealed partial class HistoryStore(Tables tables)
{
    /// <summary>
    /// Claims the send of one text. Returns null when this caller holds the claim, or the record an
    /// earlier attempt left (sent, failed, or still "sending" if it stopped half-way).
    /// </summary>
    public async Task<(OutboundRecord Record, bool Claimed)> ClaimAsync(string coupleId, OutboundRecord record, CancellationToken ct = default)
    {
        try
        {
            var response = await tables.History.AddEntityAsync(HistoryColumns.ToEntity(coupleId, record), ct);
            return (record with { ETag = response.Headers.ETag ?? default }, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await tables.History.GetEntityAsync<TableEntity>(coupleId, record.RowKey, cancellationToken: ct);
            return (HistoryColumns.ToOutbound(existing.Value), false);
        }
    }

    /// <summary>Takes over a claim an earlier attempt left "sending"; null when another attempt took it
    /// first.</summary>
    public async Task<OutboundRecord?> TakeOverAsync(string coupleId, OutboundRecord record, string attempt, DateTimeOffset now, CancellationToken ct = default)
    {
        var taken = record with { Attempt = attempt, AttemptUtc = now, Released = false };
        try
        {
            var response = await tables.History.UpdateEntityAsync(
                HistoryColumns.ToEntity(coupleId, taken), record.ETag, TableUpdateMode.Replace, ct);
            return taken with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Marks a claim whose attempt gave up unsure whether it sent, so the next attempt need not wait out
    /// the lease. Only while the row is as that attempt left it: a claim taken over meanwhile stays.
    /// </summary>
    public async Task ReleaseAsync(string coupleId, OutboundRecord record, CancellationToken ct = default)
    {
        try
        {
            await tables.History.UpdateEntityAsync(new TableEntity(coupleId, record.RowKey) { ["ReleasedAttempt"] = record.Attempt }, record.ETag, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Taken over, or changed by a delivery report: the lease decides instead.
        }
    }

    /// <summary>
    /// Claims several texts of one couple in one transaction, with the writes that must succeed
    /// with them (<paramref name="storeWith"/>: the day's prompt picks). When a text was claimed before,
    /// the writes go on their own and the texts are claimed one by one, so each learns its own state.
    /// Throws <see cref="StoredMeanwhileException"/> when a write finds its row changed since it was read.
    /// </summary>
    public async Task<IReadOnlyList<(OutboundRecord Record, bool Claimed)>> ClaimAllAsync(
        string coupleId, IReadOnlyList<OutboundRecord> records, IReadOnlyList<TableTransactionAction>? storeWith = null, CancellationToken ct = default)
    {
        var also = storeWith ?? [];
        if (records.Count + also.Count > 1)
        {
            try
            {
                var adds = records.Select(r =>
                    new TableTransactionAction(TableTransactionActionType.Add, HistoryColumns.ToEntity(coupleId, r)));
                var response = await tables.History.SubmitTransactionAsync(also.Concat(adds), ct);
                return records.Select((r, i) => (r with { ETag = response.Value[also.Count + i].Headers.ETag ?? default }, true)).ToList();
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
            }
            foreach (var write in also)
            {
                try
                {
                    await tables.History.SubmitTransactionAsync([write], ct);
                }
                catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
                {
                    throw new StoredMeanwhileException();
                }
            }
        }
        var claims = new List<(OutboundRecord, bool)>();
        foreach (var record in records) claims.Add(await ClaimAsync(coupleId, record, ct));
        return claims;
    }

    /// <summary>Records the outcomes of claimed sends in one transaction. Merged, so a delivery report that raced ahead
    /// is kept.</summary>
    public async Task CompleteAllAsync(string coupleId, IReadOnlyList<OutboundRecord> records, CancellationToken ct = default)
    {
        if (records.Count == 0) return;
        await tables.History.SubmitTransactionAsync(
            records.Select(r => new TableTransactionAction(
                TableTransactionActionType.UpdateMerge, HistoryColumns.ToEntity(coupleId, r), ETag.All)),
            ct);
    }

    /// <summary>Outbound records between two local dates (inclusive), oldest first: one range query.</summary>
    public async Task<IReadOnlyList<OutboundRecord>> ReadOutboundAsync(string coupleId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var filter = CoupleRows.Filter(coupleId, CoupleRows.Days(from, to), $"Direction eq {"out"}");
        var records = new List<OutboundRecord>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            records.Add(HistoryColumns.ToOutbound(row));
        return records;
    }

    /// <summary>The record of one text (its key without a ref), or null when it was never claimed: one point
    /// read.</summary>
    public async Task<OutboundRecord?> GetOutboundAsync(string coupleId, DateOnly date, string kind, string partner, CancellationToken ct = default)
    {
        var key = CoupleRows.Dated(date, kind, partner);
        var row = await tables.History.GetEntityIfExistsAsync<TableEntity>(coupleId, key, cancellationToken: ct);
        return row.HasValue ? HistoryColumns.ToOutbound(row.Value!) : null;
    }

    /// <summary>
    /// What erasure needs of the couple's partition, in one query: the keys of its rows but the profile
    /// and the farewell's claim, which go last with the partition (<see cref="CoupleStore.DeleteAllAsync"/>)
    /// so that a farewell job delivered again finds its claim and sends nothing; and the provider ids of
    /// every text the rows recorded (a sent text's Sid, a received text's MessageSid).
    /// </summary>
    public async Task<(IReadOnlyList<string> RowKeys, IReadOnlyList<string> MessageSids)> ReadForErasureAsync(string coupleId, CancellationToken ct = default)
    {
        var keys = new List<string>();
        var sids = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {coupleId}");
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, select: ["RowKey", "Direction", "Kind", "Sid", "MessageSid"], cancellationToken: ct))
        {
            var outbound = HistoryColumns.IsOutbound(row);
            if (row.GetString(outbound ? "Sid" : "MessageSid") is { } sid && IsProviderSid(sid)) sids.Add(sid);
            var farewell = outbound && row.GetString("Kind") == TextKind.Ended;
            if (row.RowKey != CoupleRows.Profile && !farewell) keys.Add(row.RowKey);
        }
        return (keys, sids.ToList());
    }

    /// <summary>A Twilio message sid (SM or MM, then 32 hex digits); outbox ids and replies sent in TwiML have none,
    /// and nothing else reaches a provider URL.</summary>
    public static bool IsProviderSid(string sid) => ProviderSid().IsMatch(sid);

    [GeneratedRegex("^(SM|MM)[0-9a-fA-F]{32}$")]
    private static partial Regex ProviderSid();
}

/// <summary>A write meant to go with a claim found its row changed since it was read (another send stored the day's
/// picks first, or an answer noted its night): the job is retried, and reads the row again.</summary>
public sealed class StoredMeanwhileException() : Exception("The couple's rotation changed since it was read; the job is retried.");
