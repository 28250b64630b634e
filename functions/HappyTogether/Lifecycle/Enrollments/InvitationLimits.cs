using System.Globalization;
using Azure.Data.Tables;
using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Storage;
using Microsoft.Extensions.Options;

namespace HappyTogether.Lifecycle.Enrollments;

/// <summary>
/// Keeps SMS sign-up from being a way to text strangers: a number gets at most one invitation from
/// each inviter (remembered for a year, through erasure), an inviter sends at most
/// <see cref="PerInviterPerMonth"/> in 30 days, and all inviters together at most
/// <see cref="HappyTogetherOptions.InvitationsPerDay"/> a UTC day. Rows hold keyed hashes, never numbers.
/// </summary>
public sealed class InvitationLimits(Tables tables, NumberHash hash, IOptions<HappyTogetherOptions> options, TimeProvider clock)
{
    public const int PerInviterPerMonth = 3;
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);
    private static readonly TimeSpan PairMemory = TimeSpan.FromDays(365);
    private const string CapPartition = "cap";

    /// <summary>Takes one invitation from <paramref name="inviter"/> to <paramref name="invitee"/>; false when a limit
    /// says no.</summary>
    public async Task<bool> TryTakeAsync(string inviter, string invitee, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var from = hash.Of(inviter);
        var to = hash.Of(invitee);
        var pair = $"invited|{from}";
        if ((await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(to, pair, ["PartitionKey"], ct)).HasValue) return false;

        var recent = TableClient.CreateQueryFilter($"PartitionKey eq {from} and RowKey ge {SentKey(now - Month)} and RowKey lt {"sent}"}");
        var sent = 0;
        await foreach (var _ in tables.SignUps.QueryAsync<TableEntity>(recent, select: ["PartitionKey"], cancellationToken: ct)) sent++;
        if (sent >= PerInviterPerMonth) return false;
        if (!await TryCountTodayAsync(now, ct))
        {
            OpsMetrics.LimitReached("invitations");
            return false;
        }

        await tables.SignUps.UpsertEntityAsync(new TableEntity(to, pair) { ["ExpiresUtc"] = now + PairMemory }, TableUpdateMode.Replace, ct);
        // One row per invitee: two invitations in the same tick are two rows, not one written twice.
        await tables.SignUps.UpsertEntityAsync(new TableEntity(from, $"{SentKey(now)}|{to}") { ["ExpiresUtc"] = now + Month }, TableUpdateMode.Replace, ct);
        return true;
    }

    /// <summary>Counts one invitation against today's cap; parallel sign-ups cannot overshoot it.</summary>
    private Task<bool> TryCountTodayAsync(DateTimeOffset now, CancellationToken ct) =>
        Counters.TryAddAsync(tables.SignUps, CapPartition, now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), 1, options.Value.InvitationsPerDay, now.AddDays(2), ct);

    private static string SentKey(DateTimeOffset at) => $"sent|{at.UtcTicks:D19}";
}
