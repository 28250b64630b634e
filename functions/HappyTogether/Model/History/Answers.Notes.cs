using Azure.Data.Tables;
using HappyTogether.Foundation.Care;
using HappyTogether.Model.Couples;

namespace HappyTogether.Model.History;

/// <summary>A couple's activity over some nights: answers, DONE marks, and every text that signaled care.</summary>
public sealed record Activity(
    IReadOnlyList<AnswerRecord> Answers, IReadOnlyList<(DateOnly Date, string Partner)> Done, IReadOnlyList<AnswerRecord> Care);

// Reactions to reveals, free notes and DONE marks: the texts and marks beside the answers.
public sealed partial class Answers
{
    /// <summary>Stores a partner's reaction to a reveal; false when they already reacted to that question.</summary>
    public Task<bool> TryAddReactionAsync(string coupleId, AnswerRecord reaction, CancellationToken ct = default) =>
        TryAddAsync(coupleId, reaction with { Kind = AnswerRecord.ReactionKind }, ct);

    /// <summary>A partner's reaction to a question's reveal, if any.</summary>
    public Task<AnswerRecord?> GetReactionAsync(
        string coupleId, DateOnly date, string partner, CancellationToken ct = default) =>
        GetTextAsync(coupleId, CoupleRows.Dated(date, AnswerRecord.ReactionKind, partner), ct);

    /// <summary>Stores a note (idempotent per message).</summary>
    public Task AddNoteAsync(string coupleId, AnswerRecord note, CancellationToken ct = default) =>
        tables.History.UpsertEntityAsync(
            HistoryColumns.ToEntity(coupleId, note with { Kind = AnswerRecord.NoteKind }),
            TableUpdateMode.Replace,
            ct);

    /// <summary>
    /// Every text a partner sent that the history keeps (answers, reactions, notes) between two local
    /// dates inclusive: one range query.
    /// </summary>
    public Task<IReadOnlyList<AnswerRecord>> ReadTextsAsync(
        string coupleId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        QueryTextsAsync(CoupleRows.Filter(coupleId, CoupleRows.Days(from, to), TextKinds), ct);

    // Every kind of text a partner sent that the history keeps.
    private static FormattableString TextKinds
    {
        get
        {
            var (answer, reaction, note) = (AnswerRecord.AnswerKind, AnswerRecord.ReactionKind, AnswerRecord.NoteKind);
            return $"(Kind eq {answer} or Kind eq {reaction} or Kind eq {note})";
        }
    }

    /// <summary>Marks the day's gesture done (DONE); repeating it changes nothing.</summary>
    public Task MarkDoneAsync(
        string coupleId, DateOnly date, string partner, DateTimeOffset now, CancellationToken ct = default) =>
        tables.History.UpsertEntityAsync(
            new TableEntity(coupleId, CoupleRows.Done(date, partner))
            {
                ["Kind"] = CoupleRows.DoneKind,
                ["Partner"] = partner,
                ["AtUtc"] = now,
            },
            TableUpdateMode.Replace,
            ct);

    /// <summary>
    /// Answers, DONE marks and the other texts that signaled care (notes, read for the recap's care line) between two
    /// local dates inclusive: one range query over the couple's partition.
    /// </summary>
    public async Task<Activity> ReadActivityAsync(string coupleId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var (answerKind, doneKind, noteKind) = (AnswerRecord.AnswerKind, CoupleRows.DoneKind, AnswerRecord.NoteKind);
        var (distress, safety) = (nameof(CareSignal.Distress), nameof(CareSignal.Safety));
        var filter = CoupleRows.Filter(coupleId, CoupleRows.Days(from, to),
            $"(Kind eq {answerKind} or Kind eq {doneKind} or (Kind eq {noteKind} and (Care eq {distress} or Care eq {safety})))");
        var answers = new List<AnswerRecord>();
        var done = new List<(DateOnly, string)>();
        var care = new List<AnswerRecord>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var kind = row.GetString("Kind");
            if (kind == CoupleRows.DoneKind)
                done.Add((CoupleRows.Parse(row.RowKey).Date!.Value, row.GetString("Partner")));
            else if (kind == AnswerRecord.NoteKind)
                care.Add(HistoryColumns.ToAnswer(row));
            else
                answers.Add(HistoryColumns.ToAnswer(row));
        }
        return new Activity(answers, done, [.. care, .. answers.Where(a => a.Care != CareSignal.None)]);
    }
}
