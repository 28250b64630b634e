namespace HappyTogether.Model.Couples;

/// <summary>
/// What the couple told HOME about their household: whether they live apart in one town, kids at home, and what to
/// leave out. A facet nobody mentioned stays null (or false), and ideas are not filtered by it.
/// </summary>
public sealed record Household(bool? LivesApart = null, bool? Kids = null, bool NoSpending = false, bool NoLongWalks = false)
{
    public static readonly Household Unknown = new();

    /// <summary>True until someone answers the household question or texts HOME.</summary>
    public bool IsUnknown => this == Unknown;

    /// <summary>The facets as stored and as the household question's answer reads them back.</summary>
    public IEnumerable<string> Facets()
    {
        if (LivesApart is { } apart) yield return apart ? ApartWord : TogetherWord;
        if (Kids is { } kids) yield return kids ? KidsWord : NoKidsWord;
        if (NoSpending) yield return NoSpendingWord;
        if (NoLongWalks) yield return NoWalksWord;
    }

    public const string ApartWord = "apart";
    public const string TogetherWord = "together";
    public const string KidsWord = "kids";
    public const string NoKidsWord = "no-kids";
    public const string NoSpendingWord = "no-spending";
    public const string NoWalksWord = "no-walks";

    /// <summary>The stored column: facets joined by commas; null for an unknown household.</summary>
    public string? ToColumn() => IsUnknown ? null : string.Join(',', Facets());

    public static Household FromColumn(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Unknown;
        var facets = text.Split(',').ToHashSet();
        return new Household(
            facets.Contains(ApartWord) ? true : facets.Contains(TogetherWord) ? false : null,
            facets.Contains(KidsWord) ? true : facets.Contains(NoKidsWord) ? false : null,
            facets.Contains(NoSpendingWord),
            facets.Contains(NoWalksWord));
    }
}
