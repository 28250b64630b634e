namespace HappyTogether.Entry.Sending;

/// <summary>A text to send to one number.</summary>
/// <param name="Callback">The delivery status callback, naming the history row.</param>
/// <param name="Kind">What the text is (morning, reveal, ...), kept by the outbox for the local simulator.</param>
/// <param name="ValidFor">How long the provider may hold the text before it is too late to deliver (Twilio's
/// ValidityPeriod); null: the provider's default.</param>
public sealed record OutgoingSms(string To, string Body, StatusCallback? Callback = null, string? Kind = null, TimeSpan? ValidFor = null);

/// <summary>A text the provider accepted.</summary>
public sealed record SentSms(string Sid, string Status);

/// <summary>Provider error codes the app acts on.</summary>
public static class SmsErrorCodes
{
    /// <summary>Twilio's code for a number that opted out (texted STOP, or the carrier unsubscribed it): the partner is
    /// opted out.</summary>
    public const int OptedOut = 21610;
}

/// <summary>Why a send failed, which decides what happens next.</summary>
public enum SmsFailure
{
    /// <summary>Rejected before acceptance (e.g. 429): safe to send again.</summary>
    NotSent,

    /// <summary>A 5xx or timeout: the provider may have sent it, so look before sending again.</summary>
    Uncertain,

    /// <summary>The recipient opted out at the carrier or provider (<see cref="SmsErrorCodes.OptedOut"/>).</summary>
    OptedOut,

    /// <summary>Will not succeed on retry (invalid number, account problem).</summary>
    Permanent,
}

/// <summary>A failed send, classified.</summary>
public sealed class SmsSendException(SmsFailure failure, int? errorCode, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public SmsFailure Failure { get; } = failure;

    /// <summary>The provider's error code, e.g. <see cref="SmsErrorCodes.OptedOut"/>.</summary>
    public int? ErrorCode { get; } = errorCode;

    public bool IsTransient => Failure is SmsFailure.NotSent or SmsFailure.Uncertain;
}

/// <summary>The outgoing SMS port: Twilio in production, the outbox where Twilio is not configured.</summary>
public interface ISmsSender
{
    /// <summary>Human-readable name for the start-up log.</summary>
    string Description { get; }

    Task<SentSms> SendAsync(OutgoingSms sms, CancellationToken ct = default);

    /// <summary>A matching text accepted at or after <paramref name="since"/>, used to settle an uncertain earlier
    /// attempt.</summary>
    Task<SentSms?> FindSentAsync(OutgoingSms sms, DateTimeOffset since, CancellationToken ct = default);
}
