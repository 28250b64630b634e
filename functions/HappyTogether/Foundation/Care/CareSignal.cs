namespace HappyTogether.Foundation.Care;

/// <summary>What a partner's reply says about how they are, beyond their mood: read by <c>CareReading</c>.</summary>
public enum CareSignal
{
    /// <summary>Nothing that calls for more than the usual reply.</summary>
    None,

    /// <summary>Hopelessness, wanting to die, self-harm: the sender gets the crisis line at once.</summary>
    Distress,

    /// <summary>Fear of the partner (hurt, threatened, controlled): never shown to that partner; the sender gets the
    /// hotline.</summary>
    Safety,
}
