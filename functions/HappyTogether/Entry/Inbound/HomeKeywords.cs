using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Messages;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// HOME apart, kids, no spending: what the couple's ideas should fit, for both partners; HOME OFF clears it. A reply to
/// the household question that is nothing but such words sets it too.
/// </summary>
public sealed class HomeKeywords(CoupleStore couples, HomeWords words) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } = [new(Keyword.Home, OptedIn)];

    private static MessageCatalog Catalog => MessageCatalog.For();

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct)
    {
        var capitals = Keywords.StartsInCapitals(text.Body);
        var argument = text.Command.Argument;
        // "home" alone, or "home late tonight, tired", not in capitals, is an answer.
        if (argument is null) return capitals ? Describe(text.Couple.Home, "reply.home-now") : Handled.Answer;
        if (Keywords.IsOff(argument))
        {
            await couples.ChangeAsync(text.Couple, c => c.Home = Household.Unknown, ct);
            return Catalog.Render("reply.home-cleared");
        }
        var (facets, unknown) = words.Read(argument);
        if (facets.Count == 0) return text.ExampleOrAnswer(Catalog.Render("reply.home-example"));
        if (unknown > 0 && !capitals) return Handled.Answer;
        return await SetAsync(text.Couple, facets, ct);
    }

    /// <summary>
    /// A reply to this morning's household question made only of household words ("we live apart, no kids"), before
    /// tonight's question went out: set, as HOME would. Null for any other text.
    /// </summary>
    public async Task<Handled?> AnswerToQuestionAsync(PartnerText text, CancellationToken ct)
    {
        var morning = text.Recent.LatestSent(text.Partner.Key, TextKind.Morning);
        if (morning is not { PromptId: PromptRotation.HomeQuestion } || morning.Date != text.Today) return null;
        if (text.Recent.LatestSent(text.Partner.Key, TextKind.Evening)?.Date >= text.Today) return null;
        var (facets, unknown) = words.Read(text.Body);
        return facets.Count > 0 && unknown == 0 ? await SetAsync(text.Couple, facets, ct) : null;
    }

    private async Task<Handled> SetAsync(Couple couple, IReadOnlyList<string> facets, CancellationToken ct)
    {
        var updated = await couples.ChangeAsync(couple, c => c.Home = HomeWords.Apply(c.Home, facets), ct);
        return updated is null ? Handled.Silence : Describe(updated.Home, "reply.home-set");
    }

    private static string Describe(Household home, string id) => home.IsUnknown
        ? Catalog.Render("reply.home-example")
        : Catalog.Render(id, ("home", Facets(home)));

    /// <summary>The household in words ("you live apart, kids at home, no spending"), as STATUS also shows it.</summary>
    public static string Facets(Household home) =>
        string.Join(", ", home.Facets().Select(f => Catalog.RenderVariant("home-facet", f)));
}
