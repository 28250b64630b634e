using System.Text.Json.Serialization;

namespace HappyTogether.Moods;

/// <summary>Mood-meter quadrant of a feeling.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Quadrant>))]
public enum Quadrant
{
    /// <summary>Pleasant, high energy.</summary>
    Yellow,

    /// <summary>Pleasant, low energy.</summary>
    Green,

    /// <summary>Unpleasant, high energy.</summary>
    Red,

    /// <summary>Unpleasant, low energy.</summary>
    Blue,
}

/// <summary>A mood word found in a reply (Recognised false: first word kept as written, no values).</summary>
public sealed record MoodWord(string Word, bool Recognised, int Pleasantness, int Energy)
{
    // The lexicon never holds 0, so counting 0 as unpleasant/low only affects hand-made values.
    /// <summary>The quadrant of a recognised word; null when the word is not in the lexicon.</summary>
    public Quadrant? Quadrant => !Recognised ? null
        : Pleasantness > 0 ? (Energy > 0 ? Moods.Quadrant.Yellow : Moods.Quadrant.Green)
        : (Energy > 0 ? Moods.Quadrant.Red : Moods.Quadrant.Blue);
}
