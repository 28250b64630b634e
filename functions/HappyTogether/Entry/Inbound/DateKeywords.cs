using HappyTogether.Content.Occasions;
using HappyTogether.Model.Couples;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>The couple's occasions: DATE stores or removes one (arming the heads-up), DATES lists them.</summary>
public sealed class DateKeywords(CoupleStore couples, HeadsUps headsUps) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.Date, OptedIn),
        new(Keyword.Dates, OptedIn),
    ];

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct) =>
        text.Command.Keyword == Keyword.Dates
            ? ReplyTexts.Dates(text.Couple, text.Partner)
            : await SetDateAsync(text.Couple, text.Partner, text.Command.Argument!, text.Now, ct);

    /// <summary>
    /// DATE anniversary 06-14, DATE birthday 03-02 (the sender's own), DATE ... OFF; the other partner's
    /// heads-up is armed.
    /// </summary>
    private async Task<string> SetDateAsync(
        Couple couple, Partner partner, string argument, DateTimeOffset now, CancellationToken ct)
    {
        var words = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var kind = Keywords.OccasionOf(words[0]) == Occasion.Anniversary ? Occasion.Anniversary : Occasion.Birthday;
        var off = words.Length == 2 && Keywords.IsOff(words[1]);
        MonthDay day = default;
        if (!off && (words.Length < 2 || !OccasionDates.TryParse(words[1], out day))) return ReplyTexts.DateExample;
        var key = partner.Key;
        var updated = await couples.ChangeAsync(couple, c =>
        {
            if (kind == Occasion.Anniversary)
            {
                c.Anniversary = off ? null : day;
                c.AnniversarySetBy = off ? null : key;
            }
            else c[key].Birthday = off ? null : day;
        }, ct);
        if (off) return ReplyTexts.DateRemoved(kind);
        await headsUps.ArmAsync(updated!, new Occasion(kind, key), now, ct);
        return ReplyTexts.DateSaved(kind, day, updated![key], updated.Other(updated[key]));
    }
}
