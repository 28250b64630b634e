using System.Globalization;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Model.Scheduling;

// The index's rows: shard partitions, time rows "t|{utc}|...", pointer rows "p|{couple}|...", and their columns.
public sealed partial class DueIndex
{
    private const string TimePrefix = "t|";
    private const string PointerPrefix = "p|";
    private const string HeldMarker = "~held";

    /// <summary>The shard partition of a couple's rows.</summary>
    public static string Partition(string coupleId) => ShardKey((int)(StableHash.Of(coupleId) % Shards));

    private static string ShardKey(int shard) => $"due-{shard:D2}";

    private static string Stamp(DateTimeOffset utc) =>
        utc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string TimeKey(DueSlot s) => $"{TimePrefix}{Stamp(s.DueUtc)}|{s.CoupleId}|{s.Partner}|{s.Slot}";

    private static string PointerKey(DueSlot s) => $"{PointerPrefix}{s.CoupleId}|{s.Partner}|{s.Slot}";

    /// <summary>What tells a held job apart; the couple first, so its pointer sorts among the couple's.</summary>
    private static string HeldId(OutboundJob job) =>
        $"{job.CoupleId}|{HeldMarker}|{job.Kind}|{DateKey.Of(job.Date)}|{string.Join(',', job.Partners)}|{job.Ref}";

    private static string HeldTimeKey(DateTimeOffset until, string heldId) => $"{TimePrefix}{Stamp(until)}|{heldId}";

    private static string HeldPointerKey(string heldId) => PointerPrefix + heldId;

    /// <summary>The pointer row of a held job's time row: the same id after the time.</summary>
    private static string HeldPointerOf(string timeKey) =>
        HeldPointerKey(timeKey[(timeKey.IndexOf('|', TimePrefix.Length) + 1)..]);

    /// <summary>A shard's time rows due at or before <paramref name="now"/>.</summary>
    private static string DueBy(int shard, DateTimeOffset now, string? after = null)
    {
        var upTo = $"{TimePrefix}{Stamp(now)}|~";
        return after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ShardKey(shard)} and RowKey ge {TimePrefix} and RowKey le {upTo}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {ShardKey(shard)} and RowKey gt {after} and RowKey le {upTo}");
    }

    /// <summary>All of a shard's time rows, earliest first.</summary>
    private static string TimeRows(int shard) =>
        TableClient.CreateQueryFilter(
            $"PartitionKey eq {ShardKey(shard)} and RowKey ge {TimePrefix} and RowKey lt {"t}"}");

    /// <summary>A couple's pointer rows: its armed slots and held jobs.</summary>
    private static string PointerRows(string coupleId)
    {
        var from = $"{PointerPrefix}{coupleId}|";
        var to = $"{PointerPrefix}{coupleId}}}";
        return TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition(coupleId)} and RowKey ge {from} and RowKey lt {to}");
    }

    private static bool IsHeld(TableEntity row) => row.ContainsKey("Job");

    private static HeldJob ToHeld(TableEntity row) =>
        new(OutboundJob.ParseMessage(row.GetString("Job"))[0], row.GetDateTimeOffset("DueUtc")!.Value, row.RowKey);

    private static TableEntity ToEntity(DueSlot s, string rowKey) => new(Partition(s.CoupleId), rowKey)
    {
        ["CoupleId"] = s.CoupleId,
        ["Partner"] = s.Partner,
        ["Slot"] = s.Slot.ToString(),
        ["DueUtc"] = s.DueUtc,
        ["LocalDate"] = DateKey.Of(s.LocalDate),
        ["TimeZone"] = s.TimeZone,
        ["LocalTime"] = s.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["Weekday"] = s.Weekday?.ToString(),
    };

    private static DueSlot ToSlot(TableEntity e) => new(
        e.GetString("CoupleId"),
        e.GetString("Partner"),
        Enum.Parse<Slot>(e.GetString("Slot")),
        e.GetDateTimeOffset("DueUtc")!.Value,
        DateKey.Parse(e.GetString("LocalDate")),
        e.GetString("TimeZone"),
        TimeOnly.ParseExact(e.GetString("LocalTime"), "HH:mm", CultureInfo.InvariantCulture))
    {
        ETag = e.ETag,
        Weekday = e.GetString("Weekday") is { } day ? Enum.Parse<DayOfWeek>(day) : null,
    };
}
