using System.Diagnostics.Metrics;

namespace HappyTogether.Foundation.Operations;

/// <summary>
/// The counts an operator's alerts and workbook read (docs/OPERATORS.md): one <see cref="Meter"/> the Functions
/// project forwards to Application Insights as pre-aggregated metrics, which are never sampled. Counts and classes
/// only: no number, body, code or id ever goes into a tag.
/// </summary>
public static class OpsMetrics
{
    /// <summary>Name of the meter every instrument below belongs to.</summary>
    public const string MeterName = "HappyTogether";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Ticks = Meter.CreateCounter<long>("scheduler.ticks");
    private static readonly Histogram<long> Poisoned = Meter.CreateHistogram<long>("outbound.poisoned");
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("texts.sent");
    private static readonly Counter<long> Status = Meter.CreateCounter<long>("texts.status");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("texts.errors");
    private static readonly Counter<long> AnswersStored = Meter.CreateCounter<long>("replies.answers");
    private static readonly Counter<long> OptOuts = Meter.CreateCounter<long>("replies.optouts");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("webhook.rejected");
    private static readonly Counter<long> Limits = Meter.CreateCounter<long>("signup.limit");
    private static readonly Counter<long> Unreachable = Meter.CreateCounter<long>("partners.unreachable");
    private static readonly Counter<long> Retention = Meter.CreateCounter<long>("retention.deleted");

    /// <summary>A scheduler tick ran to the end: the heartbeat the "scheduler stopped" alert watches.</summary>
    public static void Tick() => Ticks.Add(1);

    /// <summary>How many messages the poison queue holds now (0 when empty).</summary>
    public static void PoisonDepth(long count) => Poisoned.Record(count);

    /// <summary>A text went to the provider (or the outbox), by kind.</summary>
    public static void TextSent(string kind) => Sent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>A delivery report arrived, by provider status; with an error code, also by its class.</summary>
    public static void DeliveryReported(string status, int? errorCode)
    {
        Status.Add(1, new KeyValuePair<string, object?>("status", status));
        if (errorCode is not { } code) return;
        Errors.Add(1, new KeyValuePair<string, object?>("code", code.ToString(System.Globalization.CultureInfo.InvariantCulture)), new KeyValuePair<string, object?>("class", DeliveryErrors.ClassOf(code)));
    }

    /// <summary>An answer was stored.</summary>
    public static void Answer() => AnswersStored.Add(1);

    /// <summary>A stop was honored.</summary>
    public static void OptOut() => OptOuts.Add(1);

    /// <summary>A webhook request was refused (403), by why.</summary>
    public static void WebhookRejected(string reason) => Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A sign-up limit refused something: "invitations" (the daily cap) or "pairing" (the hourly code
    /// budget).</summary>
    public static void LimitReached(string limit) => Limits.Add(1, new KeyValuePair<string, object?>("limit", limit));

    /// <summary>A partner was paused after days of texts that could not reach them.</summary>
    public static void PartnerUnreachable() => Unreachable.Add(1);

    /// <summary>Rows the retention sweep deleted.</summary>
    public static void RetentionDeleted(long rows) => Retention.Add(rows);
}
