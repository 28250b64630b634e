using HappyTogether.Foundation.Links;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>What a partner can look up: STATUS (settings and streak), EXPORT (a link to their own data).</summary>
public sealed class LinkKeywords(Answers answers, SignedLinks links) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.Status, OptedIn),
        new(Keyword.Export, OptedIn),
    ];

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct)
    {
        var (couple, partner, today) = (text.Couple, text.Partner, text.Today);
        if (text.Command.Keyword == Keyword.Export)
            return ReplyTexts.Export(links.ExportUrl(couple.Id, partner.Key, today));
        var streak = await answers.StreakAsync(couple.Id, today, couple.HasTextsOn, ct);
        return ReplyTexts.Status(couple, partner, streak, today);
    }
}
