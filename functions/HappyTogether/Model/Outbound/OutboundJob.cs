using System.Text.Json;
using System.Text.Json.Serialization;

namespace HappyTogether.Model.Outbound;

/// <summary>What kind of text an outbound job sends.</summary>
public static class TextKind
{
    public const string Morning = "morning";
    public const string Evening = "evening";
    public const string Invitation = "invitation";
    public const string Confirmation = "confirmation";

    /// <summary>The other partner's answer, once both answered the same question.</summary>
    public const string Reveal = "reveal";

    /// <summary>"Your turn": the other partner answered tonight's question 90 minutes ago and this one has not
    /// yet.</summary>
    public const string YourTurn = "your-turn";

    /// <summary>A partner's reaction to a reveal, passed on to the other ("Ana: aww").</summary>
    public const string Reaction = "reaction";

    /// <summary>Tells a partner that answers are no longer shared (the other stopped; the reason is not
    /// said).</summary>
    public const string RevealsOff = "reveals-off";

    /// <summary>Tells a partner the program ended (the other asked to DELETE), then erases the couple.</summary>
    public const string Ended = "ended";

    /// <summary>Five days before an occasion, a heads-up to the partner who did not store it.</summary>
    public const string HeadsUp = "heads-up";

    /// <summary>On the day of the couple's listening date or ritual, a reminder to each partner (Ref: which of the
    /// two).</summary>
    public const string RitualReminder = "ritual-reminder";

    /// <summary>Tells a partner the other chose a new cadence (EVERY 2, WEEKDAYS, DAILY) for them both.</summary>
    public const string CadenceChanged = "cadence-changed";

    /// <summary>The weekly progress text.</summary>
    public const string Recap = "recap";

    /// <summary>Tells a partner, once, that texts to the other could not reach them for days and are paused.</summary>
    public const string PartnerUnreachable = "partner-unreachable";
}

/// <summary>
/// One job: send <see cref="Kind"/> for <see cref="Date"/> (the recipients' local date) to the listed
/// partners of a couple. The sender derives everything else, so a job delivered twice describes the
/// same texts. <see cref="Ref"/> tells apart two texts of one kind on one day (a second opt-in after
/// STOP gets its own confirmation). <see cref="Deferrals"/> counts how often the send-rate guard put
/// the job back, so each return waits longer.
/// </summary>
public sealed record OutboundJob(
    [property: JsonRequired] string CoupleId,
    [property: JsonRequired] string Kind,
    [property: JsonRequired] DateOnly Date,
    [property: JsonRequired] IReadOnlyList<string> Partners,
    string? Ref = null,
    int Deferrals = 0)
{
    /// <summary>A queue message carries a JSON array of jobs, so a scheduler tick pays one enqueue and one delete per
    /// several couples.</summary>
    public static string ToMessage(IReadOnlyList<OutboundJob> jobs) => JsonSerializer.Serialize(jobs, JsonSerializerOptions.Web);

    public static IReadOnlyList<OutboundJob> ParseMessage(string json) =>
        JsonSerializer.Deserialize<List<OutboundJob>>(json, JsonSerializerOptions.Web) is { Count: > 0 } jobs
            ? jobs
            : throw new FormatException("An outbound message without jobs.");
}
