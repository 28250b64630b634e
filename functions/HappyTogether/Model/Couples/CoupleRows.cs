using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Couples;

/// <summary>Every row key of a couple's partition in the history table, and the key ranges its queries read.</summary>
/// <remarks>
/// Rows already stored keep their keys, so each format here is for good.
/// <list type="bullet">
/// <item>"{date}|{kind}|{partner}": a text's once-only claim (plus "|{ref}" for a kind that goes twice a
/// day), an answer, a reaction, a DONE mark; "{date}|{kind}|{partner}|{message}": a note.</item>
/// <item>"{date}|reply|{message}": the reply to an inbound text; "{date}|first": the night's first answer.</item>
/// <item>"consent|{partner}|{ticks}|{state}": the consent log.</item>
/// <item>"couple": the profile; "rotation": the last year of prompts.</item>
/// </list>
/// Ordinal order puts the dated rows first, then the consent log, the profile and the rotation: one range
/// query reads some days with the profile.
/// </remarks>
public static class CoupleRows
{
    public const string Profile = "couple";
    public const string Rotation = "rotation";
    public const string Consent = "consent";

    /// <summary>The reply given to an inbound text, kept so that a retry gets the same one.</summary>
    public const string ReplyKind = "reply";

    /// <summary>A day's gesture marked done (DONE).</summary>
    public const string DoneKind = "done";

    /// <summary>
    /// Marks the first answer to a night's question, so two answers at once cannot both take themselves for the first.
    /// </summary>
    public const string FirstKind = "first";

    /// <summary>The consent log, as a range.</summary>
    public static readonly RowRange ConsentLog = new(Consent + "|", Consent + "}");

    /// <summary>One row per date, kind and partner; a suffix tells apart rows that share them.</summary>
    public static string Dated(DateOnly date, string kind, string partner, string? suffix = null) =>
        $"{DateKey.Of(date)}|{kind}|{partner}" + (suffix is null ? "" : $"|{suffix}");

    /// <summary>One row per inbound message (a note), keyed by its MessageSid made safe for a key.</summary>
    public static string PerMessage(DateOnly date, string kind, string partner, string messageSid) =>
        Dated(date, kind, partner, TableKeys.Safe(messageSid));

    public static string Reply(DateOnly date, string messageSid) =>
        $"{DateKey.Of(date)}|{ReplyKind}|{TableKeys.Safe(messageSid)}";

    public static string Done(DateOnly date, string partner) => Dated(date, DoneKind, partner);

    public static string First(DateOnly date) => $"{DateKey.Of(date)}|{FirstKind}";

    /// <summary>A consent change; a retry of the same change at the same instant writes the same row again.</summary>
    public static string ConsentRecord(string partner, DateTimeOffset utc, ConsentState state) =>
        $"{Consent}|{partner}|{utc.UtcTicks:D19}|{state}";

    /// <summary>A row key taken apart: its kind, and the date, partner and id it names, where it names them.</summary>
    public static CoupleRowKey Parse(string rowKey)
    {
        if (rowKey is Profile or Rotation) return new CoupleRowKey(rowKey, null, null, null);
        var parts = rowKey.Split('|', 4);
        if (parts[0] == Consent) return new CoupleRowKey(Consent, null, parts[1], string.Join('|', parts[2..]));
        var date = DateKey.Parse(parts[0]);
        return parts[1] switch
        {
            FirstKind => new CoupleRowKey(FirstKind, date, null, null),
            ReplyKind => new CoupleRowKey(ReplyKind, date, null, parts[2]),
            var kind => new CoupleRowKey(kind, date, parts[2], parts.Length > 3 ? parts[3] : null),
        };
    }

    /// <summary>The dated rows from <paramref name="from"/> to <paramref name="to"/>, both inclusive.</summary>
    public static RowRange Days(DateOnly from, DateOnly to) => new(DateKey.Of(from), DateKey.Of(to.AddDays(1)));

    /// <summary>The couple's rows in <paramref name="range"/>, narrowed by a condition on columns.</summary>
    public static string Filter(string coupleId, RowRange range, FormattableString? where = null)
    {
        var (from, to) = range;
        return TableClient.CreateQueryFilter($"PartitionKey eq {coupleId} and RowKey ge {from} and RowKey lt {to}")
            + (where is null ? "" : " and " + TableClient.CreateQueryFilter(where));
    }

    /// <summary>The dated rows of <paramref name="days"/> and the profile, not the consent log between them.</summary>
    public static string WithProfile(string coupleId, RowRange days) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {coupleId} and RowKey ge {days.From} and RowKey le {Profile}")
        + TableClient.CreateQueryFilter($" and (RowKey lt {days.To} or RowKey eq {Profile})");

    /// <summary>The dated rows of <paramref name="days"/>, the profile and the rotation, not the consent log.</summary>
    public static string WithProfileAndRotation(string coupleId, RowRange days) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {coupleId} and RowKey ge {days.From} and RowKey le {Rotation}")
        + TableClient.CreateQueryFilter($" and (RowKey lt {days.To} or RowKey eq {Profile} or RowKey eq {Rotation})");

    /// <summary>The profile and the rotation, which sort next to each other: one range read of two rows.</summary>
    public static string ProfileAndRotation(string coupleId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {coupleId} and RowKey ge {Profile} and RowKey le {Rotation}");
}

/// <summary>A row key of a couple's partition taken apart (see <see cref="CoupleRows.Parse"/>).</summary>
public sealed record CoupleRowKey(string Kind, DateOnly? Date, string? Partner, string? Id);

/// <summary>Row keys from From (inclusive) to To (exclusive), in the ordinal order Table Storage sorts by.</summary>
public readonly record struct RowRange(string From, string To);
