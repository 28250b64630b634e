namespace HappyTogether.Foundation.Operations;

/// <summary>Twilio's delivery error codes, grouped the way an operator acts on them (the alerts key on the
/// class).</summary>
public static class DeliveryErrors
{
    /// <summary>The carrier blocked the text as spam (30007).</summary>
    public const string Filtered = "filtered";

    /// <summary>The sender is not registered for the route (A2P 10DLC 30034, toll-free 30032, and their
    /// kin).</summary>
    public const string Unregistered = "unregistered";

    /// <summary>The handset or number cannot take texts now or ever (30003 to 30006).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The recipient stopped texts at the carrier or at Twilio (21610).</summary>
    public const string OptedOut = "optedout";

    /// <summary>Anything else.</summary>
    public const string Other = "other";

    /// <summary>The class of a Twilio error code.</summary>
    public static string ClassOf(int? errorCode) => errorCode switch
    {
        30007 => Filtered,
        30032 or 30034 => Unregistered,
        >= 30003 and <= 30006 => Unreachable,
        21610 => OptedOut,
        _ => Other,
    };
}
