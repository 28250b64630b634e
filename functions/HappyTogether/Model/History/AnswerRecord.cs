using HappyTogether.Foundation.Care;
using HappyTogether.Model.Couples;

namespace HappyTogether.Model.History;

/// <summary>A partner's text kept in the couple's history: an answer, a reaction to a reveal, or a note.</summary>
public sealed record AnswerRecord(DateOnly Date, string Partner, string Text)
{
    public const string AnswerKind = "answer";
    public const string NoteKind = "note";

    /// <summary>
    /// The one reaction to a reveal a partner passes on per question (the text sent on is an outbound "reaction").
    /// </summary>
    public const string ReactionKind = "reacted";

    public string Kind { get; init; } = AnswerKind;
    public string? PromptId { get; init; }
    public string? Mood { get; init; }
    public bool MoodRecognized { get; init; }

    /// <summary>The mood as the partner wrote it when they wrote it in another language than English ("cansada"): how
    /// every reader sees it.</summary>
    public string? MoodWritten { get; init; }
    public int NumMedia { get; init; }
    public required string MessageSid { get; init; }
    public DateTimeOffset ReceivedUtc { get; init; }

    /// <summary>What the reply says about the sender's wellbeing or safety (read when it arrived).</summary>
    public CareSignal Care { get; init; }

    /// <summary>
    /// A reply that signals fear of the partner: never revealed, quoted, counted or exported to that partner, who
    /// sees the night as unanswered.
    /// </summary>
    public bool Withheld => Care == CareSignal.Safety;

    /// <summary>One answer and one reaction per question and partner; notes are keyed by message.</summary>
    public string RowKey => Kind is AnswerKind or ReactionKind
        ? CoupleRows.Dated(Date, Kind, Partner)
        : CoupleRows.PerMessage(Date, NoteKind, Partner, MessageSid);
}
