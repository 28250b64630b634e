using Azure.Data.Tables;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Storage;
using HappyTogether.Model.Couples;

namespace HappyTogether.Model.History;

/// <summary>The columns of a couple's dated history rows (texts out and in, replies), to records and back.</summary>
/// <remarks>The column "MoodRecognised" keeps the spelling rows in production were stored under.</remarks>
public static class HistoryColumns
{
    public static TableEntity ToEntity(string coupleId, OutboundRecord r) => new(coupleId, r.RowKey)
    {
        ["Direction"] = "out",
        ["Date"] = DateKey.Of(r.Date),
        ["Kind"] = r.Kind,
        ["Partner"] = r.Partner,
        ["PromptId"] = r.PromptId,
        ["Status"] = r.Status,
        ["Sid"] = r.Sid,
        ["ClaimedUtc"] = r.ClaimedUtc,
        ["SentUtc"] = r.SentUtc,
        ["ErrorCode"] = r.ErrorCode,
        ["Attempt"] = r.Attempt,
        ["AttemptUtc"] = r.AttemptUtc,
        ["Ref"] = r.Ref,
    };

    /// <summary>Whether the row records an outbound text.</summary>
    public static bool IsOutbound(TableEntity e) => e.GetString("Direction") == "out";

    public static OutboundRecord ToOutbound(TableEntity e) =>
        new(DateKey.Parse(e.GetString("Date")), e.GetString("Kind"), e.GetString("Partner"))
        {
            PromptId = e.GetString("PromptId"),
            Status = e.GetString("Status"),
            Sid = e.GetString("Sid"),
            ClaimedUtc = e.GetDateTimeOffset("ClaimedUtc") ?? default,
            SentUtc = e.GetDateTimeOffset("SentUtc"),
            ErrorCode = e.GetInt32("ErrorCode"),
            Attempt = e.GetString("Attempt"),
            AttemptUtc = e.GetDateTimeOffset("AttemptUtc"),
            Released = e.GetString("ReleasedAttempt") is { } released && released == e.GetString("Attempt"),
            ETag = e.ETag,
            Ref = e.GetString("Ref"),
        };

    public static TableEntity ToEntity(string coupleId, AnswerRecord a) => new(coupleId, a.RowKey)
    {
        ["Kind"] = a.Kind,
        ["Date"] = DateKey.Of(a.Date),
        ["Partner"] = a.Partner,
        ["Text"] = a.Text,
        ["PromptId"] = a.PromptId,
        ["Mood"] = a.Mood,
        ["MoodRecognised"] = a.MoodRecognized,
        ["MoodWritten"] = a.MoodWritten,
        ["NumMedia"] = a.NumMedia,
        ["MessageSid"] = a.MessageSid,
        ["ReceivedUtc"] = a.ReceivedUtc,
        ["Care"] = a.Care == CareSignal.None ? null : a.Care.ToString(),
    };

    /// <summary>A mood word set on a stored answer after it (merged into its row).</summary>
    public static TableEntity MoodOf(string coupleId, AnswerRecord answer, string mood) =>
        new(coupleId, answer.RowKey) { ["Mood"] = mood, ["MoodRecognised"] = true };

    /// <summary>An answer, note or reaction from its history row.</summary>
    public static AnswerRecord ToAnswer(TableEntity e) =>
        new(DateKey.Parse(e.GetString("Date")), e.GetString("Partner"), e.GetString("Text") ?? "")
        {
            Kind = e.GetString("Kind"),
            PromptId = e.GetString("PromptId"),
            Mood = e.GetString("Mood"),
            MoodRecognized = e.GetBoolean("MoodRecognised") ?? false,
            MoodWritten = e.GetString("MoodWritten"),
            NumMedia = e.GetInt32("NumMedia") ?? 0,
            MessageSid = e.GetString("MessageSid"),
            ReceivedUtc = e.GetDateTimeOffset("ReceivedUtc") ?? default,
            Care = Enum.TryParse<CareSignal>(e.GetString("Care"), out var care) ? care : CareSignal.None,
        };

    public static TableEntity ToEntity(string coupleId, StoredReply r) =>
        new(coupleId, CoupleRows.Reply(r.Date, r.MessageSid))
        {
            ["Kind"] = CoupleRows.ReplyKind,
            ["MessageSid"] = r.MessageSid,
            ["Reply"] = r.Text ?? "",
            ["After"] = r.After,
            ["AtUtc"] = r.AtUtc,
        };

    /// <summary>A stored reply, under the date of its row key; "" stored for no reply reads as null.</summary>
    public static StoredReply ToReply(TableEntity e) =>
        new(
            CoupleRows.Parse(e.RowKey).Date!.Value,
            e.GetString("MessageSid"),
            e.GetString("Reply") is { Length: > 0 } r ? r : null,
            e.GetDateTimeOffset("AtUtc") ?? default)
        {
            After = e.GetString("After"),
        };
}
