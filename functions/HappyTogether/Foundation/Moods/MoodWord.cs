using System.Text.Json.Serialization;

namespace HappyTogether.Foundation.Moods;

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

/// <summary>A mood word of the lexicon, as read in a reply, with its place on the mood meter.</summary>
public sealed record MoodWord(string Word, int Pleasantness, int Energy)
{
    /// <summary>The word as the reply gave it when it gave the mood in another language than English ("cansada" for
    /// tired): what every reader sees, as written; null when it was given in English or read from a phrase.</summary>
    public string? Written { get; init; }

    // The lexicon never holds 0, so counting 0 as unpleasant/low only affects hand-made values.
    /// <summary>The word's mood-meter quadrant.</summary>
    public Quadrant Quadrant => Pleasantness > 0 ? (Energy > 0 ? Quadrant.Yellow : Quadrant.Green)
        : (Energy > 0 ? Quadrant.Red : Quadrant.Blue);
}
