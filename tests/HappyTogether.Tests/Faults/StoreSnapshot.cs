using System.Globalization;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Tests.Faults;

/// <summary>
/// Every row of every table of an app (keys, ETag and all values) plus the queue length, so that
/// "changed nothing" can be checked byte for byte and a difference named.
/// </summary>
public sealed partial record StoreSnapshot(IReadOnlyDictionary<string, string> Rows, int Queued)
{
    public static async Task<StoreSnapshot> TakeAsync(Tables tables, Azure.Storage.Queues.QueueClient queue)
    {
        // Tables are scanned side by side: the forgery loops take a snapshot per variant.
        var scans = await Task.WhenAll(tables.All.Select(async table =>
        {
            var found = new List<KeyValuePair<string, string>>();
            await foreach (var row in table.QueryAsync<TableEntity>()) found.Add(Describe(table, row));
            return found;
        }));
        var rows = scans.SelectMany(s => s).ToDictionary(StringComparer.Ordinal);
        var peeked = (await queue.PeekMessagesAsync(maxMessages: 32)).Value.Length;
        return new StoreSnapshot(rows, peeked);
    }

    /// <summary>
    /// A cheaper snapshot for loops of many attacks: every row of the given couples (their partitions,
    /// due rows, phone index and outbox) in full, the keys of every couple, phone and sign-up row
    /// (so that an added couple or claimed number shows), and the queue length.
    /// </summary>
    public static async Task<StoreSnapshot> TakeScopedAsync(Tables tables, Azure.Storage.Queues.QueueClient queue, params HappyTogether.Model.Couples.Couple[] couples)
    {
        async Task<List<KeyValuePair<string, string>>> Read(TableClient table, string? filter, Func<TableEntity, bool>? keep = null, bool keysOnly = false)
        {
            var found = new List<KeyValuePair<string, string>>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: keysOnly ? ["PartitionKey", "RowKey"] : null))
            {
                if (keep is not null && !keep(row)) continue;
                found.Add(keysOnly ? new($"{table.Name}|{row.PartitionKey}|{row.RowKey}", "") : Describe(table, row));
            }
            return found;
        }
        static string Partition(string key) => TableClient.CreateQueryFilter($"PartitionKey eq {key}");

        var reads = new List<Task<List<KeyValuePair<string, string>>>>
        {
            Read(tables.History, TableClient.CreateQueryFilter($"RowKey eq {HappyTogether.Model.Couples.CoupleRows.Profile}"), keysOnly: true),
            Read(tables.LegacyCouples, null, keysOnly: true),
            Read(tables.Phones, null, keysOnly: true),
            Read(tables.SignUps, null, keysOnly: true),
            Read(tables.Due, null, row => couples.Any(c => row.RowKey.Contains(c.Id))),
        };
        foreach (var couple in couples)
        {
            reads.Add(Read(tables.History, Partition(couple.Id)));
            foreach (var partner in couple.Partners)
            {
                reads.Add(Read(tables.Phones, Partition(partner.Phone)));
                reads.Add(Read(tables.Outbox, Partition(partner.Phone)));
            }
        }
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        // Full rows win over key-only listings of the same row.
        foreach (var (key, value) in (await Task.WhenAll(reads)).SelectMany(r => r).OrderBy(r => r.Value.Length)) rows[key] = value;
        var peeked = (await queue.PeekMessagesAsync(maxMessages: 32)).Value.Length;
        return new StoreSnapshot(rows, peeked);
    }

    /// <summary>A row as compared: its table and keys, and its ETag, timestamp and every value.</summary>
    public static KeyValuePair<string, string> Describe(TableClient table, TableEntity row)
    {
        var values = row.Keys.Where(k => k is not ("odata.etag" or "Timestamp")).Order(StringComparer.Ordinal)
            .Select(k => $"{k}={Convert.ToString(row[k], CultureInfo.InvariantCulture)}");
        return new($"{table.Name}|{row.PartitionKey}|{row.RowKey}", $"{row.ETag}|{row.Timestamp:O}|{string.Join(';', values)}");
    }

    /// <summary>What differs from <paramref name="before"/> (row keys only, never values; numbers masked); empty when
    /// identical.</summary>
    public IReadOnlyList<string> DiffFrom(StoreSnapshot before) =>
        RawDiff(before).Select(d => PhoneLike().Replace(d, m => HappyTogether.Foundation.Phones.PhoneMask.Mask(m.Value))).ToList();

    private List<string> RawDiff(StoreSnapshot before)
    {
        var diff = new List<string>();
        diff.AddRange(Rows.Keys.Except(before.Rows.Keys).Select(k => "added " + k));
        diff.AddRange(before.Rows.Keys.Except(Rows.Keys).Select(k => "removed " + k));
        diff.AddRange(Rows.Where(r => before.Rows.TryGetValue(r.Key, out var old) && old != r.Value).Select(r => "changed " + r.Key));
        if (Queued != before.Queued) diff.Add($"queue {before.Queued} -> {Queued}");
        return diff;
    }

    /// <summary>The rows whose key mentions <paramref name="partitionKey"/> as partition (e.g. one couple's
    /// id).</summary>
    public IReadOnlyDictionary<string, string> Partition(string partitionKey) =>
        Rows.Where(r => r.Key.Split('|')[1] == partitionKey).ToDictionary(r => r.Key, r => r.Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\+\d{7,}")]
    private static partial System.Text.RegularExpressions.Regex PhoneLike();
}
