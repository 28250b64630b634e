using Azure.Data.Tables;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Suppression;

/// <summary>
/// Numbers that asked to stop (STOP, or the carrier's error 21610), kept by keyed hash in a table of
/// their own, so erasing a couple never forgets them. Nothing invites a number on this list; START or
/// YES from the number takes it off.
/// </summary>
public sealed class SuppressionList(Tables tables, NumberHash hash, TimeProvider clock)
{
    private const string Row = "stop";

    /// <summary>Records that <paramref name="phone"/> asked to stop, and how ("sms:stop", "carrier:21610").</summary>
    public Task AddAsync(string phone, string reason, CancellationToken ct = default) =>
        tables.Suppressed.UpsertEntityAsync(new TableEntity(hash.Of(phone), Row) { ["Reason"] = reason, ["SinceUtc"] = clock.GetUtcNow() }, TableUpdateMode.Replace, ct);

    public async Task<bool> ContainsAsync(string phone, CancellationToken ct = default) =>
        (await tables.Suppressed.GetEntityIfExistsAsync<TableEntity>(hash.Of(phone), Row, ["PartitionKey"], ct)).HasValue;

    /// <summary>Takes the number off the list: it texted START or YES.</summary>
    public Task RemoveAsync(string phone, CancellationToken ct = default) =>
        tables.Suppressed.DeleteEntityAsync(hash.Of(phone), Row, cancellationToken: ct);
}
