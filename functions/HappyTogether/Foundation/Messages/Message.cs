namespace HappyTogether.Foundation.Messages;

/// <summary>One text of the catalog: its wording or its variants, the placeholders they use, and its budget.</summary>
/// <param name="Id">How code names the text ("reply.help").</param>
/// <param name="About">What the text is for, for whoever words or translates it.</param>
/// <param name="Segments">Most SMS segments the text may take with every placeholder at its longest.</param>
/// <param name="Gsm7">True when the text must fit the GSM-7 basic table (quoted placeholders aside).</param>
/// <param name="Placeholders">The names its wording may use, written {name}.</param>
/// <param name="Quoted">
/// Placeholders that carry a partner's own words, which may need Unicode; the composer trims them to
/// the budget, so each ends its text.
/// </param>
/// <param name="Variants">
/// The wording by variant key; a text without variants has one, keyed <see cref="Single"/>.
/// </param>
public sealed record Message(
    string Id,
    string About,
    int Segments,
    bool Gsm7,
    IReadOnlyList<string> Placeholders,
    IReadOnlyList<string> Quoted,
    IReadOnlyDictionary<string, string> Variants)
{
    /// <summary>The key of the one wording of a text without variants.</summary>
    public const string Single = "";

    /// <summary>True when the text has variants to choose from.</summary>
    public bool HasVariants => !Variants.ContainsKey(Single);

    /// <summary>True for wording on a web page, not in a text: no segments, and values come HTML-encoded.</summary>
    public bool OnPage { get; init; }
}
