using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>ESPAÑOL and ENGLISH: the language of the partner's own texts (the other partner keeps theirs).</summary>
public sealed class LanguageKeywords(CoupleStore couples) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.Spanish, OptedIn, Invited),
        new(Keyword.English, OptedIn, Invited),
    ];

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct)
    {
        var language = text.Command.Keyword == Keyword.Spanish ? Languages.Spanish : Languages.English;
        var key = text.Partner.Key;
        if (await couples.ChangeAsync(text.Couple, c => c[key].Language = language, ct) is null) return Handled.Silence;
        // The reply is the first text in the new language.
        return MessageCatalog.For(language).Render("reply.language-set");
    }
}
