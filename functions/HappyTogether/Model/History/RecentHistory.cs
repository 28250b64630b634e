namespace HappyTogether.Model.History;

/// <summary>
/// The reply to an inbound text, kept so that a retry (same MessageSid) gets the same one, under the
/// local date it came in. <see cref="After"/> names what the reply set off, done again on a retry,
/// since a retry cannot tell whether the first attempt got that far.
/// </summary>
public sealed record StoredReply(DateOnly Date, string MessageSid, string? Text, DateTimeOffset AtUtc)
{
    public string? After { get; init; }
}

/// <summary>The couple's profile and its history of the last week, as one range query returns it (see <see
/// cref="Answers.ReadRecentAsync"/>).</summary>
public sealed record RecentHistory(IReadOnlyList<OutboundRecord> Sent, IReadOnlyList<AnswerRecord> Texts, IReadOnlyList<StoredReply> Replies)
{
    /// <summary>How far back it reaches: an answer belongs to a question of the last week.</summary>
    public const int Days = 7;

    /// <summary>How far ahead of a partner's today it reaches: texts dated by the other partner's later zone.</summary>
    public const int DaysAhead = 1;

    /// <summary>The couple's profile, read with the history; null when the partition has none (erased, or not yet moved
    /// from the old table).</summary>
    public Couples.Couple? Couple { get; init; }

    /// <summary>The reply already given to an inbound text, found by its MessageSid.</summary>
    public StoredReply? ReplyTo(string messageSid) => Replies.FirstOrDefault(r => r.MessageSid == messageSid);

    /// <summary>The part of it that falls in the week up to <paramref name="today"/>, a partner's local date.</summary>
    public RecentHistory Within(DateOnly today)
    {
        var from = today.AddDays(-Days);
        var to = today.AddDays(DaysAhead);
        bool In(DateOnly date) => date >= from && date <= to;
        return new RecentHistory(Sent.Where(r => In(r.Date)).ToList(), Texts.Where(t => In(t.Date)).ToList(), Replies.Where(r => In(r.Date)).ToList()) { Couple = Couple };
    }

    /// <summary>The latest text of <paramref name="kind"/> that went out to a partner.</summary>
    public OutboundRecord? LatestSent(string partner, string kind) =>
        Sent.Where(r => r.Partner == partner && r.Kind == kind && r.Sid is not null).MaxBy(r => r.Date);

    /// <summary>A partner's answer to the question of <paramref name="date"/>.</summary>
    public AnswerRecord? Answer(DateOnly date, string partner) =>
        Texts.FirstOrDefault(a => a.Kind == AnswerRecord.AnswerKind && a.Date == date && a.Partner == partner);
}
