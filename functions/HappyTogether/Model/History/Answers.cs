using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;
using HappyTogether.Model.Couples;

namespace HappyTogether.Model.History;

/// <summary>
/// Answers, notes, DONE marks and the replies already given, all in the couple's history partition.
/// This part holds the answers and replies; reactions, notes and DONE marks, and the streak, are the others.
/// </summary>
public sealed partial class Answers(Tables tables)
{
    /// <summary>Stores a reaction (answers go in with their reply, <see cref="TryStoreAnswerAsync"/>); false when that
    /// partner already gave one to that question.</summary>
    private async Task<bool> TryAddAsync(string coupleId, AnswerRecord answer, CancellationToken ct = default)
    {
        try
        {
            await tables.History.AddEntityAsync(HistoryColumns.ToEntity(coupleId, answer), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Sets the mood word of a stored answer (a mood sent in a text of its own after the answer), in one
    /// transaction with <paramref name="storeWith"/>, a write that follows the answer (its night on the rotation).</summary>
    public Task SetMoodAsync(string coupleId, AnswerRecord answer, string mood, TableTransactionAction storeWith, CancellationToken ct = default) =>
        tables.History.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpdateMerge, HistoryColumns.MoodOf(coupleId, answer, mood), ETag.All), storeWith], ct);

    public Task<AnswerRecord?> GetAnswerAsync(
        string coupleId, DateOnly date, string partner, CancellationToken ct = default) =>
        GetTextAsync(coupleId, CoupleRows.Dated(date, AnswerRecord.AnswerKind, partner), ct);

    private async Task<AnswerRecord?> GetTextAsync(string coupleId, string rowKey, CancellationToken ct)
    {
        var row = await tables.History.GetEntityIfExistsAsync<TableEntity>(coupleId, rowKey, cancellationToken: ct);
        return row.HasValue ? HistoryColumns.ToAnswer(row.Value!) : null;
    }

    /// <summary>Answers (not notes) between two local dates inclusive: one range query.</summary>
    public Task<IReadOnlyList<AnswerRecord>> ReadAnswersAsync(
        string coupleId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        QueryTextsAsync(
            CoupleRows.Filter(coupleId, CoupleRows.Days(from, to), $"Kind eq {AnswerRecord.AnswerKind}"), ct);

    private async Task<IReadOnlyList<AnswerRecord>> QueryTextsAsync(string filter, CancellationToken ct)
    {
        var texts = new List<AnswerRecord>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            texts.Add(HistoryColumns.ToAnswer(row));
        return texts;
    }

    /// <summary>Remembers the reply to an inbound message ("" for none), so a retry gets the same one.</summary>
    public Task SaveReplyAsync(string coupleId, StoredReply reply, CancellationToken ct = default) =>
        tables.History.UpsertEntityAsync(HistoryColumns.ToEntity(coupleId, reply), TableUpdateMode.Replace, ct);

    /// <summary>
    /// Everything an inbound text may need, in one range query over the couple's partition: the
    /// profile, the texts sent and received around the week up to <paramref name="now"/> in any time
    /// zone, and the replies already given (a retry across midnight finds its reply under the day
    /// before). <see cref="RecentHistory.Within"/> narrows it to a partner's own week.
    /// </summary>
    public async Task<RecentHistory> ReadRecentAsync(
        string coupleId, DateTimeOffset now, CancellationToken ct = default)
    {
        // Local dates are at most a day from the UTC date.
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var days = CoupleRows.Days(
            utcToday.AddDays(-RecentHistory.Days - 1), utcToday.AddDays(RecentHistory.DaysAhead));
        Couple? couple = null;
        var sent = new List<OutboundRecord>();
        var texts = new List<AnswerRecord>();
        var replies = new List<StoredReply>();
        var filter = CoupleRows.WithProfile(coupleId, days);
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (row.RowKey == CoupleRows.Profile) couple = CoupleColumns.FromRow(row);
            else if (HistoryColumns.IsOutbound(row)) sent.Add(HistoryColumns.ToOutbound(row));
            else if (row.GetString("Kind") is AnswerRecord.AnswerKind or AnswerRecord.ReactionKind
                     or AnswerRecord.NoteKind) texts.Add(HistoryColumns.ToAnswer(row));
            else if (row.GetString("Kind") == CoupleRows.ReplyKind) replies.Add(HistoryColumns.ToReply(row));
        }
        return new RecentHistory(sent, texts, replies) { Couple = couple };
    }

    /// <summary>
    /// Stores a first or second answer to a question with the reply to it in one transaction, and
    /// with it the night's first-answer mark (of two answers at once, one finds the other) or the
    /// reveal sent in the reply, and <paramref name="storeWith"/>, a write that follows the answer
    /// (its night on the rotation). False when another text got there first: read again.
    /// </summary>
    public async Task<bool> TryStoreAnswerAsync(
        string coupleId, AnswerRecord answer, StoredReply reply, bool first, OutboundRecord? revealInReply,
        TableTransactionAction storeWith, CancellationToken ct = default)
    {
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, HistoryColumns.ToEntity(coupleId, answer)),
            new(TableTransactionActionType.UpsertReplace, HistoryColumns.ToEntity(coupleId, reply)),
            storeWith,
        ];
        if (first)
        {
            var mark = new TableEntity(coupleId, CoupleRows.First(answer.Date))
            {
                ["Kind"] = CoupleRows.FirstKind,
                ["Partner"] = answer.Partner,
            };
            actions.Add(new(TableTransactionActionType.Add, mark));
        }
        if (revealInReply is { } reveal)
            actions.Add(new(TableTransactionActionType.Add, HistoryColumns.ToEntity(coupleId, reveal)));
        try
        {
            await tables.History.SubmitTransactionAsync(actions, ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }
}
