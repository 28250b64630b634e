using System.Globalization;
using Azure.Data.Tables;
using HappyTogether.Storage;

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
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                var values = row.Keys.Where(k => k is not ("odata.etag" or "Timestamp")).Order(StringComparer.Ordinal)
                    .Select(k => $"{k}={Convert.ToString(row[k], CultureInfo.InvariantCulture)}");
                found.Add(new($"{table.Name}|{row.PartitionKey}|{row.RowKey}", $"{row.ETag}|{row.Timestamp:O}|{string.Join(';', values)}"));
            }
            return found;
        }));
        var rows = scans.SelectMany(s => s).ToDictionary(StringComparer.Ordinal);
        var peeked = (await queue.PeekMessagesAsync(maxMessages: 32)).Value.Length;
        return new StoreSnapshot(rows, peeked);
    }

    /// <summary>What differs from <paramref name="before"/> (row keys only, never values; numbers masked); empty when identical.</summary>
    public IReadOnlyList<string> DiffFrom(StoreSnapshot before) =>
        RawDiff(before).Select(d => PhoneLike().Replace(d, m => HappyTogether.Phones.PhoneMask.Mask(m.Value))).ToList();

    private List<string> RawDiff(StoreSnapshot before)
    {
        var diff = new List<string>();
        diff.AddRange(Rows.Keys.Except(before.Rows.Keys).Select(k => "added " + k));
        diff.AddRange(before.Rows.Keys.Except(Rows.Keys).Select(k => "removed " + k));
        diff.AddRange(Rows.Where(r => before.Rows.TryGetValue(r.Key, out var old) && old != r.Value).Select(r => "changed " + r.Key));
        if (Queued != before.Queued) diff.Add($"queue {before.Queued} -> {Queued}");
        return diff;
    }

    /// <summary>The rows whose key mentions <paramref name="partitionKey"/> as partition (e.g. one couple's id).</summary>
    public IReadOnlyDictionary<string, string> Partition(string partitionKey) =>
        Rows.Where(r => r.Key.Split('|')[1] == partitionKey).ToDictionary(r => r.Key, r => r.Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\+\d{7,}")]
    private static partial System.Text.RegularExpressions.Regex PhoneLike();
}
