using Azure.Data.Tables;
using HappyTogether.Model.Couples;

namespace HappyTogether.Model.Outbound;

/// <summary>
/// A text ready to send: its body, and the prompt it carries, recorded with it in the history.
/// <see cref="StoreWithClaim"/> is a write to the couple's partition that must succeed with the
/// text's claim, in the same transaction (the day's prompt picks).
/// </summary>
public sealed record ComposedText(string Body, string? PromptId = null)
{
    public TableTransactionAction? StoreWithClaim { get; init; }
}

/// <summary>A text of a job that went out, as the sender recorded it.</summary>
public sealed record SentText(string Partner, string? PromptId);

/// <summary>What the sender does with a text that finds its recipient outside waking hours (07:00 to 21:30 their
/// time).</summary>
public enum NightRule
{
    /// <summary>Sent anyway: the answer to what the recipient just texted, or a kind that keeps its own hours (the
    /// scheduled texts).</summary>
    Send,

    /// <summary>Held in the due index until 07:00 their time, then sent if it still may go out.</summary>
    Hold,

    /// <summary>Not sent at all.</summary>
    Drop,
}

/// <summary>
/// One kind of outbound text (<see cref="TextKind"/>): whether it may go out now and what it says.
/// The sender looks the kind of each job up among the registered ones and does the rest (claim, pace,
/// send, record); a kind's rules live with what the text is about.
/// </summary>
public interface IOutboundText
{
    /// <summary>The <see cref="TextKind"/> this sends.</summary>
    string Kind { get; }

    /// <summary>What happens to this text when its recipient is asleep.</summary>
    NightRule AtNight => NightRule.Send;

    /// <summary>Reads the couple for a job of this kind, with what composing it needs where that can come in the same
    /// request.</summary>
    Task<Couple?> ReadCoupleAsync(CoupleStore couples, OutboundJob job, CancellationToken ct) => couples.GetAsync(job.CoupleId, ct);

    /// <summary>Why this text must not go out to <paramref name="partner"/> now, or null when it may.</summary>
    string? WhyNot(Couple couple, Partner partner, OutboundJob job, DateTimeOffset now);

    /// <summary>
    /// How long from <paramref name="now"/> the text stays worth delivering, or null for as long as the provider keeps
    /// it. Sent as Twilio's ValidityPeriod, so a backlog at Twilio drops the text (error 30036) instead of delivering
    /// it late: today's question never arrives tomorrow.
    /// </summary>
    TimeSpan? ValidFor(Partner partner, OutboundJob job, DateTimeOffset now) => null;

    /// <summary>The text for <paramref name="partner"/>; the same job composes the same text again. Null when there is
    /// nothing to send.</summary>
    Task<ComposedText?> ComposeAsync(Couple couple, Partner partner, OutboundJob job, CancellationToken ct);

    /// <summary>After the outcomes of a job's texts are recorded, with those that went out (also when another of them
    /// failed).</summary>
    Task SentAsync(Couple couple, OutboundJob job, IReadOnlyList<SentText> sent, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Once nothing of the job is left to send: each text went out, was sent before, or was not
    /// wanted.</summary>
    Task HandledAsync(Couple couple, OutboundJob job, CancellationToken ct) => Task.CompletedTask;

    /// <summary>True when <see cref="HandledAsync"/> must happen even if a text of the job cannot be sent (erasure
    /// never waits on Twilio).</summary>
    bool HandledEvenIfUnsent => false;

    /// <summary>True for the one text that still goes out to a couple marked as being erased: the farewell that erasure
    /// follows.</summary>
    bool SentWhileErasing => false;
}
