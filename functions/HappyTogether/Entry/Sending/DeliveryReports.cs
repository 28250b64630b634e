using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.Storage;
using HappyTogether.Lifecycle.Consent;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Entry.Sending;

/// <summary>A Twilio delivery status callback.</summary>
/// <param name="CoupleId">From the callback URL the app set when sending (<see cref="StatusCallback"/>, signed by
/// Twilio with the rest).</param>
/// <param name="RowKey">The history row of the text, from the same URL.</param>
public sealed record DeliveryReport(string? CoupleId, string? RowKey, string? MessageSid, string? Status, int? ErrorCode);

/// <summary>
/// Records delivery statuses on the outbound history row. Callbacks can repeat and arrive out of
/// order, so a status only ever moves forward (queued, sending, sent, then a final one).
/// </summary>
public sealed class DeliveryReports(Tables tables, ConsentService consent, UnreachablePartners unreachable, ILogger<DeliveryReports> log)
{
    private static readonly Dictionary<string, int> Rank = new(StringComparer.OrdinalIgnoreCase)
    {
        ["accepted"] = 1,
        ["scheduled"] = 1,
        ["queued"] = 1,
        ["sending"] = 2,
        ["sent"] = 3,
        ["delivered"] = 4,
        ["undelivered"] = 4,
        ["failed"] = 4,
        ["canceled"] = 4,
        ["read"] = 5,
    };

    /// <summary>False when the report names no text the app sent (nothing is changed).</summary>
    public async Task<bool> RecordAsync(DeliveryReport report, CancellationToken ct = default)
    {
        if (!TableKeys.IsValid(report.CoupleId) || !TableKeys.IsValid(report.RowKey) || report.Status is null || !Rank.TryGetValue(report.Status, out var rank))
            return false;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await tables.History.GetEntityIfExistsAsync<TableEntity>(report.CoupleId, report.RowKey, cancellationToken: ct);
            if (!row.HasValue || row.Value!.GetString("Direction") != "out") return false;
            var entity = row.Value;
            if (entity.GetString("Sid") is { } sid && sid != report.MessageSid) return false;
            if (report.ErrorCode == SmsErrorCodes.OptedOut)
                await consent.OptOutByCarrierAsync(report.CoupleId, entity.GetString("Partner"), report.ErrorCode, ct);

            var current = entity.GetString("Delivery") is { } known && Rank.TryGetValue(known, out var r) ? r : 0;
            if (rank <= current) return true;
            var update = new TableEntity(report.CoupleId, report.RowKey)
            {
                ["Delivery"] = report.Status.ToLowerInvariant(),
                ["DeliveryErrorCode"] = report.ErrorCode,
            };
            try
            {
                await tables.History.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, ct);
                OpsMetrics.DeliveryReported(report.Status.ToLowerInvariant(), report.ErrorCode);
                log.LogInformation("Delivery of {RowKey} for couple {CoupleId}: {Status} {ErrorCode}.", report.RowKey, report.CoupleId, report.Status, report.ErrorCode);
                // A text that could not reach its partner counts towards pausing them (recorded first, so it is counted).
                if (rank == 4 && DeliveryErrors.ClassOf(report.ErrorCode) == DeliveryErrors.Unreachable)
                    await unreachable.FailedAsync(report.CoupleId, entity.GetString("Partner"), ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another callback or the sender wrote meanwhile: read again.
            }
        }
        return true;
    }
}
