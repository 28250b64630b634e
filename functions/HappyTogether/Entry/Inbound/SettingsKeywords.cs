using HappyTogether.Model.Couples;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>The couple's switches: SHARE OFF/ON, NUDGE OFF/ON, APART, TOGETHER, and THANKS' night.</summary>
public sealed class SettingsKeywords(CoupleStore couples) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.ShareOff, OptedIn),
        new(Keyword.ShareOn, OptedIn),
        new(Keyword.NudgeOff, OptedIn),
        new(Keyword.NudgeOn, OptedIn),
        new(Keyword.Apart, OptedIn),
        new(Keyword.Together, OptedIn),
        new(Keyword.Thanks, OptedIn),
    ];

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct)
    {
        var (couple, key) = (text.Couple, text.Partner.Key);
        switch (text.Command.Keyword)
        {
            case Keyword.ShareOff:
                await couples.ChangeAsync(couple, c => c[key].ShareOff = true, ct);
                return ReplyTexts.ShareOff;
            case Keyword.ShareOn:
                var updated = await couples.ChangeAsync(couple, c => c[key].ShareOff = false, ct);
                return ReplyTexts.ShareOn(updated!.Other(updated[key]));
            case Keyword.NudgeOff or Keyword.NudgeOn:
                var off = text.Command.Keyword == Keyword.NudgeOff;
                await couples.ChangeAsync(couple, c => c[key].NudgeOff = off, ct);
                return off ? ReplyTexts.NudgeOff : ReplyTexts.NudgeOn;
            case Keyword.Apart or Keyword.Together:
                var apart = text.Command.Keyword == Keyword.Apart;
                await couples.ChangeAsync(couple, c => c.Apart = apart, ct);
                return apart ? ReplyTexts.Apart : ReplyTexts.Together;
            default:
                // THANKS fri moves the weekly appreciation night; THANKS OFF turns it off.
                DayOfWeek? night = Keywords.TryParseDay(text.Command.Argument, out var day) ? day : null;
                await couples.ChangeAsync(couple, c => c.AppreciationDay = night, ct);
                return ReplyTexts.Thanks(night);
        }
    }
}
