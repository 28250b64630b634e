namespace HappyTogether.Foundation.Moods;

/// <summary>How a week's mood words weigh: what the recap's nudge and the next days' prompts follow.</summary>
public enum WeekWeight
{
    /// <summary>Neither heavy nor strong.</summary>
    Usual,

    /// <summary>Unpleasant words clearly outweigh pleasant ones.</summary>
    Heavy,

    /// <summary>Both answered at least five nights, and the words do not run heavy.</summary>
    Strong,
}

/// <summary>The rule that tells a heavy week, shared by the recap and the rotation.</summary>
public static class WeekWeights
{
    /// <summary>Nights both answered that make a strong week.</summary>
    public const int StrongNights = 5;

    /// <summary>
    /// A week is a heavy one only when unpleasant words clearly outweigh pleasant ones: at least three unpleasant, and
    /// at least twice as many as pleasant. "tired x2" is not heavy.
    /// </summary>
    public static bool OutweighedByUnpleasant(IReadOnlyList<int> pleasantness)
    {
        var unpleasant = pleasantness.Count(p => p < 0);
        return unpleasant >= 3 && unpleasant >= 2 * pleasantness.Count(p => p > 0);
    }
}
