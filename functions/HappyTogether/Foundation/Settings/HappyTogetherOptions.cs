namespace HappyTogether.Foundation.Settings;

/// <summary>App settings the product reads, bound from the root of configuration (flat keys, as app settings
/// are).</summary>
public sealed class HappyTogetherOptions
{
    /// <summary>Region used to read phone numbers written without a country code (ISO 3166 code).</summary>
    public string DefaultPhoneRegion { get; set; } = "US";

    /// <summary>IANA zone for couples enrolled without one.</summary>
    public string DefaultTimeZone { get; set; } = "America/New_York";

    /// <summary>Prefix for every table name, so several apps (or test classes) can share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>Queue the scheduler and the webhook fan out to; the queue-triggered sender reads it.</summary>
    public string OutboundQueue { get; set; } = "outbound";

    /// <summary>Public https base URL of the app, used for Twilio status callbacks and signature checks.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Twilio account SID; with the auth token and a sender it switches texts from the outbox to
    /// Twilio.</summary>
    public string? TwilioAccountSid { get; set; }

    /// <summary>Twilio auth token (a Key Vault reference in Azure).</summary>
    public string? TwilioAuthToken { get; set; }

    /// <summary>Twilio API key SID (SK...); with <see cref="TwilioApiKeySecret"/> the REST calls authenticate with the
    /// key instead of the auth token, which then only checks webhook signatures.</summary>
    public string? TwilioApiKeySid { get; set; }

    /// <summary>The API key's secret (a Key Vault reference in Azure); used only with <see cref="TwilioApiKeySid"/>.</summary>
    public string? TwilioApiKeySecret { get; set; }

    /// <summary>True when both API key settings are set: REST calls then use the key.</summary>
    public bool TwilioApiKeyConfigured => !string.IsNullOrWhiteSpace(TwilioApiKeySid) && !string.IsNullOrWhiteSpace(TwilioApiKeySecret);

    /// <summary>Sending number in E.164, used when no Messaging Service is set.</summary>
    public string? TwilioFromNumber { get; set; }

    /// <summary>Twilio Messaging Service SID; preferred over the From number when set.</summary>
    public string? TwilioMessagingServiceSid { get; set; }

    /// <summary>
    /// Secret for the keyed hash that stands in for phone numbers in sign-up rows and the suppression
    /// list (a Key Vault reference in Azure). Its own secret, so rotating the Twilio token forgets no
    /// opt-out; changing it does, so set it once.
    /// </summary>
    public string? NumberHashKey { get; set; }

    /// <summary>
    /// Secret that signs the links texts carry (the week page, a partner's export), so they cannot be
    /// guessed or altered (a Key Vault reference in Azure). Changing it only ends the links already sent.
    /// </summary>
    public string? LinkSigningKey { get; set; }

    /// <summary>Countries (ISO 3166 codes, comma-separated) whose mobile numbers an SMS sign-up may name or come
    /// from.</summary>
    public string SignUpCountries { get; set; } = "US,CA";

    /// <summary>Most invitations SMS sign-ups may send in one UTC day, across all inviters.</summary>
    public int InvitationsPerDay { get; set; } = 200;

    /// <summary>Most wrong pairing codes accepted for checking in one UTC hour, across all numbers; past it no code
    /// matches until the next hour (a warning is logged).</summary>
    public int PairingTriesPerHour { get; set; } = 100;

    /// <summary>Most reply segments a number that belongs to no couple gets in one UTC day, all replies together
    /// (sign-up, pointer, HELP).</summary>
    public int StrangerSegmentsPerDay { get; set; } = 10;

    /// <summary>How people reach the operator (an email address or web page), added to the HELP reply as carriers
    /// expect; at most 50 characters.</summary>
    public string? OperatorContact { get; set; }

    /// <summary>Link in the recap's gentle pointer to couples counselling, shown after three heavy weeks.</summary>
    public string? CareResourceUrl { get; set; }

    /// <summary>
    /// The crisis line named to partners outside the US and Canada (who get 988), e.g. "Samaritans on 116 123"; at most
    /// 30 characters. Without it they are pointed to a crisis line near them.
    /// </summary>
    public string? CrisisLineElsewhere { get; set; }

    /// <summary>
    /// The domestic violence line named to partners outside the US (who get the National Domestic Violence Hotline);
    /// at most 30 characters. Without it they are pointed to their emergency number.
    /// </summary>
    public string? SafetyLineElsewhere { get; set; }

    /// <summary>Most texts one instance sends per second (the send-rate guard); 1 fits one long code; 0 turns pacing
    /// off (simulated time).</summary>
    public double SendRatePerSecond { get; set; } = 1;

    /// <summary>First wait before a transient Twilio failure is retried; later waits grow exponentially.</summary>
    public TimeSpan SendRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Days (each with a text that failed as unreachable, nothing delivered in between) after which a partner's
    /// texts are paused and the other partner is told; 0 turns this off.</summary>
    public int UnreachableDays { get; set; } = 3;

    /// <summary>Most notes (texts kept privately, beyond the answer) stored per partner per night; past it a text is
    /// not kept, and the partner is told once.</summary>
    public int NotesPerNight { get; set; } = 20;

    /// <summary>
    /// Days a couple's dated rows (answers, notes, replies, texts in and out) are kept, by local date; the daily
    /// sweep deletes older ones (Lifecycle/Erasure/RetentionSweep). Default 90: a season of recaps and the export
    /// of it, while a partner's words do not outlive their use by much.
    /// </summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>
    /// The shortest retention the app allows: the longest look-back into dated rows, the 45 days of texts read to count
    /// a partner's unreachable days across a 30-day pause (UnreachablePartners.LookBackDays); the weekly recap reads
    /// four weeks (its trend and the heavy-weeks care pointer), follow-ups two. A test ties them.
    /// </summary>
    public const int MinRetentionDays = 45;

    /// <summary>True when every setting needed to send through Twilio is present.</summary>
    public bool TwilioConfigured =>
        !string.IsNullOrWhiteSpace(TwilioAccountSid)
        && !string.IsNullOrWhiteSpace(TwilioAuthToken)
        && (!string.IsNullOrWhiteSpace(TwilioFromNumber) || !string.IsNullOrWhiteSpace(TwilioMessagingServiceSid));
}
