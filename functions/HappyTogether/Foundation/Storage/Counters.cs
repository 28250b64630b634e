using Azure;
using Azure.Data.Tables;

namespace HappyTogether.Foundation.Storage;

/// <summary>
/// Counters in a table row, changed with optimistic concurrency (ETag): parallel requests cannot read
/// the same count and both go past a limit. Each row carries an expiry for the daily sweep.
/// </summary>
public static class Counters
{
    /// <summary>
    /// Adds <paramref name="amount"/> unless the count would pass <paramref name="limit"/>; false when it
    /// would (nothing is added then). The last <paramref name="tag"/> that added is kept: the same tag
    /// again (a retried request) is let through without adding twice.
    /// </summary>
    public static async Task<bool> TryAddAsync(TableClient table, string partition, string row, int amount, int limit, DateTimeOffset expires, CancellationToken ct = default, string? tag = null)
    {
        while (true)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct);
            if (tag is not null && current.HasValue && current.Value!.GetString("Tag") == tag) return true;
            var count = current.HasValue ? current.Value!.GetInt32("Count") ?? 0 : 0;
            if (count + amount > limit) return false;
            var next = new TableEntity(partition, row) { ["Count"] = count + amount, ["ExpiresUtc"] = expires, ["Tag"] = tag };
            try
            {
                if (current.HasValue) await table.UpdateEntityAsync(next, current.Value!.ETag, TableUpdateMode.Replace, ct);
                else await table.AddEntityAsync(next, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another request counted first: read again.
            }
        }
    }

    /// <summary>Gives back what <see cref="TryAddAsync"/> took (never below zero).</summary>
    public static async Task SubtractAsync(TableClient table, string partition, string row, int amount, CancellationToken ct = default)
    {
        while (true)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct);
            if (!current.HasValue) return;
            var entity = current.Value!;
            entity["Count"] = Math.Max(0, (entity.GetInt32("Count") ?? 0) - amount);
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Changed or swept meanwhile: read again.
            }
        }
    }
}
