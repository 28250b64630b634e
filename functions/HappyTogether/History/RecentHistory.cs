namespace HappyTogether.History;

/// <summary>
/// The reply to an inbound text, kept so that a retry (same MessageSid) gets the same one, under the
/// local date it came in. <see cref="After"/> names what the reply set off, done again on a retry,
/// since a retry cannot tell whether the first attempt got that far.
/// </summary>
public sealed record StoredReply(DateOnly Date, string MessageSid, string? Text, DateTimeOffset AtUtc)
{
    public string? After { get; init; }
}

/// <summary>The couple's history of the last week as one range query returns it (see <see cref="Answers.ReadRecentAsync"/>).</summary>
public sealed record RecentHistory(IReadOnlyList<OutboundRecord> Sent, IReadOnlyList<AnswerRecord> Texts, IReadOnlyDictionary<string, StoredReply> Replies)
{
    /// <summary>How far back it reaches: an answer belongs to a question of the last week.</summary>
    public const int Days = 7;

    /// <summary>The latest text of <paramref name="kind"/> that went out to a partner.</summary>
    public OutboundRecord? LatestSent(string partner, string kind) =>
        Sent.Where(r => r.Partner == partner && r.Kind == kind && r.Sid is not null).MaxBy(r => r.Date);

    /// <summary>A partner's answer to the question of <paramref name="date"/>.</summary>
    public AnswerRecord? Answer(DateOnly date, string partner) =>
        Texts.FirstOrDefault(a => a.Kind == AnswerRecord.AnswerKind && a.Date == date && a.Partner == partner);
}
