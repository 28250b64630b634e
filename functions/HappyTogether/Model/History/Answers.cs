using System.Globalization;
using Azure;
using Azure.Data.Tables;
using HappyTogether.Model.Couples;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.History;

/// <summary>A partner's reply stored in the couple's history: an answer to an evening question, or a free note.</summary>
public sealed record AnswerRecord(DateOnly Date, string Partner, string Text)
{
    public const string AnswerKind = "answer";
    public const string NoteKind = "note";

    /// <summary>The one reaction to a reveal a partner passes on per question (the text sent on is an outbound "reaction").</summary>
    public const string ReactionKind = "reacted";

    public string Kind { get; init; } = AnswerKind;
    public string? PromptId { get; init; }
    public string? Mood { get; init; }
    public bool MoodRecognized { get; init; }
    public int NumMedia { get; init; }
    public required string MessageSid { get; init; }
    public DateTimeOffset ReceivedUtc { get; init; }

    /// <summary>One answer and one reaction per question and partner; notes are keyed by message.</summary>
    public string RowKey => Kind is AnswerKind or ReactionKind
        ? $"{DateKey.Of(Date)}|{Kind}|{Partner}"
        : $"{DateKey.Of(Date)}|{NoteKind}|{Partner}|{TableKeys.Safe(MessageSid)}";
}

/// <summary>Answers, notes, DONE marks and the replies already given, all in the couple's history partition.</summary>
public sealed class Answers(Tables tables)
{
    private const string ReplyKind = "reply";
    private const string DoneKind = "done";

    /// <summary>Marks the first answer to a night's question, so two answers at once cannot both take themselves for the first.</summary>
    private const string FirstKind = "first";

    /// <summary>Stores an answer (or a reaction); false when that partner already gave one to that question.</summary>
    public async Task<bool> TryAddAsync(string coupleId, AnswerRecord answer, CancellationToken ct = default)
    {
        try
        {
            await tables.History.AddEntityAsync(ToEntity(coupleId, answer), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Stores a partner's reaction to a reveal; false when they already reacted to that question.</summary>
    public Task<bool> TryAddReactionAsync(string coupleId, AnswerRecord reaction, CancellationToken ct = default) =>
        TryAddAsync(coupleId, reaction with { Kind = AnswerRecord.ReactionKind }, ct);

    /// <summary>A partner's reaction to a question's reveal, if any.</summary>
    public async Task<AnswerRecord?> GetReactionAsync(string coupleId, DateOnly date, string partner, CancellationToken ct = default)
    {
        var key = new AnswerRecord(date, partner, "") { Kind = AnswerRecord.ReactionKind, MessageSid = "" }.RowKey;
        var row = await tables.History.GetEntityIfExistsAsync<TableEntity>(coupleId, key, cancellationToken: ct);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    /// <summary>Sets the mood word of a stored answer (a mood sent in a text of its own after the answer).</summary>
    public Task SetMoodAsync(string coupleId, AnswerRecord answer, string mood, CancellationToken ct = default) =>
        tables.History.UpdateEntityAsync(
            new TableEntity(coupleId, answer.RowKey) { ["Mood"] = mood, ["MoodRecognised"] = true },
            ETag.All,
            TableUpdateMode.Merge,
            ct);

    /// <summary>Stores a note (idempotent per message).</summary>
    public Task AddNoteAsync(string coupleId, AnswerRecord note, CancellationToken ct = default) =>
        tables.History.UpsertEntityAsync(ToEntity(coupleId, note with { Kind = AnswerRecord.NoteKind }), TableUpdateMode.Replace, ct);

    public async Task<AnswerRecord?> GetAnswerAsync(string coupleId, DateOnly date, string partner, CancellationToken ct = default)
    {
        var key = new AnswerRecord(date, partner, "") { MessageSid = "" }.RowKey;
        var row = await tables.History.GetEntityIfExistsAsync<TableEntity>(coupleId, key, cancellationToken: ct);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    /// <summary>Answers (not notes) between two local dates inclusive: one range query.</summary>
    public async Task<IReadOnlyList<AnswerRecord>> ReadAnswersAsync(string coupleId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {coupleId} and RowKey ge {DateKey.Of(from)} and RowKey lt {DateKey.Of(to.AddDays(1))} and Kind eq {AnswerRecord.AnswerKind}");
        var answers = new List<AnswerRecord>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct)) answers.Add(FromRow(row));
        return answers;
    }

    /// <summary>Every text a partner sent that the history keeps (answers, reactions, notes) between two local dates inclusive: one range query.</summary>
    public async Task<IReadOnlyList<AnswerRecord>> ReadTextsAsync(string coupleId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {coupleId} and RowKey ge {DateKey.Of(from)} and RowKey lt {DateKey.Of(to.AddDays(1))} and (Kind eq {AnswerRecord.AnswerKind} or Kind eq {AnswerRecord.ReactionKind} or Kind eq {AnswerRecord.NoteKind})");
        var texts = new List<AnswerRecord>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct)) texts.Add(FromRow(row));
        return texts;
    }

    /// <summary>Answers and DONE marks between two local dates inclusive: one range query over the couple's partition.</summary>
    public async Task<(IReadOnlyList<AnswerRecord> Answers, IReadOnlyList<(DateOnly Date, string Partner)> Done)> ReadActivityAsync(
        string coupleId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {coupleId} and RowKey ge {DateKey.Of(from)} and RowKey lt {DateKey.Of(to.AddDays(1))} and (Kind eq {AnswerRecord.AnswerKind} or Kind eq {DoneKind})");
        var answers = new List<AnswerRecord>();
        var done = new List<(DateOnly, string)>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (row.GetString("Kind") == DoneKind)
                done.Add((DateKey.Parse(row.RowKey[..10]), row.GetString("Partner")));
            else
                answers.Add(FromRow(row));
        }
        return (answers, done);
    }

    /// <summary>Marks the day's gesture done (DONE); repeating it changes nothing.</summary>
    public Task MarkDoneAsync(string coupleId, DateOnly date, string partner, DateTimeOffset now, CancellationToken ct = default) =>
        tables.History.UpsertEntityAsync(
            new TableEntity(coupleId, $"{DateKey.Of(date)}|{DoneKind}|{partner}") { ["Kind"] = DoneKind, ["Partner"] = partner, ["AtUtc"] = now },
            TableUpdateMode.Replace,
            ct);

    /// <summary>Remembers the reply to an inbound message ("" for none), so a retry gets the same one.</summary>
    public Task SaveReplyAsync(string coupleId, StoredReply reply, CancellationToken ct = default) =>
        tables.History.UpsertEntityAsync(ToEntity(coupleId, reply), TableUpdateMode.Replace, ct);

    /// <summary>
    /// Everything an inbound text may need, in one range query over the couple's partition: the
    /// profile, the texts sent and received around the week up to <paramref name="now"/> in any time
    /// zone, and the replies already given (a retry across midnight finds its reply under the day
    /// before). <see cref="RecentHistory.Within"/> narrows it to a partner's own week.
    /// </summary>
    public async Task<RecentHistory> ReadRecentAsync(string coupleId, DateTimeOffset now, CancellationToken ct = default)
    {
        // Local dates are at most a day from the UTC date.
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var from = DateKey.Of(utcToday.AddDays(-RecentHistory.Days - 1));
        var to = DateKey.Of(utcToday.AddDays(RecentHistory.DaysAhead + 1));
        // The dated rows sort before the profile, and the consent log between them is filtered out.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {coupleId} and RowKey ge {from} and RowKey le {CoupleStore.ProfileRow} and (RowKey lt {to} or RowKey eq {CoupleStore.ProfileRow})");
        Couple? couple = null;
        var sent = new List<OutboundRecord>();
        var texts = new List<AnswerRecord>();
        var replies = new List<StoredReply>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (row.RowKey == CoupleStore.ProfileRow) couple = CoupleStore.FromRow(row);
            else if (row.GetString("Direction") == "out") sent.Add(HistoryStore.ToRecord(row));
            else if (row.GetString("Kind") is AnswerRecord.AnswerKind or AnswerRecord.ReactionKind or AnswerRecord.NoteKind) texts.Add(FromRow(row));
            else if (row.GetString("Kind") == ReplyKind)
                replies.Add(new StoredReply(DateKey.Parse(row.RowKey[..10]), row.GetString("MessageSid"), row.GetString("Reply") is { Length: > 0 } r ? r : null, row.GetDateTimeOffset("AtUtc") ?? default)
                {
                    After = row.GetString("After"),
                });
        }
        return new RecentHistory(sent, texts, replies) { Couple = couple };
    }

    /// <summary>
    /// Stores a first or second answer to a question with the reply to it in one transaction, and
    /// with it the night's first-answer mark (of two answers at once, one finds the other) or the
    /// reveal sent in the reply. False when another text got there first: read again.
    /// </summary>
    public async Task<bool> TryStoreAnswerAsync(string coupleId, AnswerRecord answer, StoredReply reply, bool first, OutboundRecord? revealInReply, CancellationToken ct = default)
    {
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, ToEntity(coupleId, answer)),
            new(TableTransactionActionType.UpsertReplace, ToEntity(coupleId, reply)),
        ];
        if (first)
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(coupleId, $"{DateKey.Of(answer.Date)}|{FirstKind}") { ["Kind"] = FirstKind, ["Partner"] = answer.Partner }));
        if (revealInReply is { } reveal)
            actions.Add(new(TableTransactionActionType.Add, HistoryStore.ToEntity(coupleId, reveal)));
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

    /// <summary>Nights of answers one read of a streak covers: the four weeks a weekly recap reads anyway.</summary>
    public const int StreakPageDays = 28;

    /// <summary>
    /// Nights in a row, up to <paramref name="today"/>, on which both partners answered (what STATUS and
    /// the weekly recap report). Nights for which <paramref name="hadQuestion"/> is false (the cadence
    /// sent nothing) neither count nor break it.
    /// </summary>
    public async Task<int> StreakAsync(string coupleId, DateOnly today, Func<DateOnly, bool>? hadQuestion = null, CancellationToken ct = default)
    {
        var from = today.AddDays(1 - StreakPageDays);
        return await StreakAsync(coupleId, today, await ReadAnswersAsync(coupleId, from, today, ct), from, hadQuestion, ct);
    }

    /// <summary>
    /// The streak up to <paramref name="today"/> from answers a caller already read (from
    /// <paramref name="from"/> to today). Only while the streak reaches back to the oldest night read
    /// are the four weeks before it read, so a long streak costs one range query per four weeks and
    /// the read stops at the first night one of them missed.
    /// </summary>
    public async Task<int> StreakAsync(string coupleId, DateOnly today, IReadOnlyList<AnswerRecord> answers, DateOnly from, Func<DateOnly, bool>? hadQuestion = null, CancellationToken ct = default)
    {
        var read = answers.ToList();
        while (true)
        {
            var (streak, open) = Count(read, today, hadQuestion, from);
            // A missed night ends it within the nights read.
            if (!open) return streak;
            var to = from.AddDays(-1);
            from = to.AddDays(1 - StreakPageDays);
            read.AddRange(await ReadAnswersAsync(coupleId, from, to, ct));
        }
    }

    /// <summary>The streak counted in <paramref name="answers"/> alone (see <see cref="StreakAsync(string, DateOnly, Func{DateOnly, bool}?, CancellationToken)"/>).</summary>
    public static int Streak(IEnumerable<AnswerRecord> answers, DateOnly today, Func<DateOnly, bool>? hadQuestion = null) =>
        Count(answers, today, hadQuestion, DateOnly.MinValue).Streak;

    // Open: the streak ran back to the oldest night read, so older nights may extend it.
    private static (int Streak, bool Open) Count(IEnumerable<AnswerRecord> answers, DateOnly today, Func<DateOnly, bool>? hadQuestion, DateOnly from)
    {
        var both = answers.GroupBy(a => a.Date).Where(g => g.Select(a => a.Partner).Distinct().Count() == 2).Select(g => g.Key).ToHashSet();
        var streak = 0;
        // Tonight may not be answered yet; a streak that ran to yesterday still counts.
        for (var night = both.Contains(today) ? today : today.AddDays(-1); night > DateOnly.MinValue; night = night.AddDays(-1))
        {
            if (night < from) return (streak, true);
            if (both.Contains(night)) streak++;
            else if (hadQuestion?.Invoke(night) != false) return (streak, false);
        }
        return (streak, false);
    }

    private static TableEntity ToEntity(string coupleId, StoredReply r) => new(coupleId, $"{DateKey.Of(r.Date)}|{ReplyKind}|{TableKeys.Safe(r.MessageSid)}")
    {
        ["Kind"] = ReplyKind,
        ["MessageSid"] = r.MessageSid,
        ["Reply"] = r.Text ?? "",
        ["After"] = r.After,
        ["AtUtc"] = r.AtUtc,
    };

    private static TableEntity ToEntity(string coupleId, AnswerRecord a) => new(coupleId, a.RowKey)
    {
        ["Kind"] = a.Kind,
        ["Date"] = DateKey.Of(a.Date),
        ["Partner"] = a.Partner,
        ["Text"] = a.Text,
        ["PromptId"] = a.PromptId,
        ["Mood"] = a.Mood,
        ["MoodRecognised"] = a.MoodRecognized,
        ["NumMedia"] = a.NumMedia,
        ["MessageSid"] = a.MessageSid,
        ["ReceivedUtc"] = a.ReceivedUtc,
    };

    /// <summary>An answer, note or reaction from its history row.</summary>
    public static AnswerRecord FromRow(TableEntity e) =>
        new(DateKey.Parse(e.GetString("Date")), e.GetString("Partner"), e.GetString("Text") ?? "")
        {
            Kind = e.GetString("Kind"),
            PromptId = e.GetString("PromptId"),
            Mood = e.GetString("Mood"),
            MoodRecognized = e.GetBoolean("MoodRecognised") ?? false,
            NumMedia = e.GetInt32("NumMedia") ?? 0,
            MessageSid = e.GetString("MessageSid"),
            ReceivedUtc = e.GetDateTimeOffset("ReceivedUtc") ?? default,
        };
}
