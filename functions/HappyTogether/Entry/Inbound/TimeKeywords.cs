using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>When a partner's texts come: TIME (evening), MORNING, ZONE and RECAP; each moves their due slots.</summary>
public sealed class TimeKeywords(CoupleStore couples, DueIndex due, ZoneNames zones) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.Time, OptedIn),
        new(Keyword.Morning, OptedIn),
        new(Keyword.Zone, OptedIn),
        new(Keyword.Recap, OptedIn),
    ];

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct)
    {
        var (couple, partner, argument) = (text.Couple, text.Partner, text.Command.Argument);
        switch (text.Command.Keyword)
        {
            case Keyword.Time or Keyword.Morning:
                var slot = text.Command.Keyword == Keyword.Time ? Slot.Evening : Slot.Morning;
                if (!Keywords.TryParseTime(argument, slot == Slot.Evening, out _))
                    return text.ExampleOrAnswer(ReplyTexts.TimeExample(partner, slot));
                return await SetTimeAsync(couple, partner, slot, argument, text.Now, ct);
            case Keyword.Zone:
                if (!zones.TryFind(argument, out var zone)) return text.ExampleOrAnswer(ReplyTexts.ZoneExample);
                var zoned = await couples.ChangeAsync(couple, c => c[partner.Key].TimeZone = zone, ct);
                await due.ArmAsync(zoned!, zoned![partner.Key], text.Now, ct);
                return ReplyTexts.ZoneSet(zoned[partner.Key]);
            default:
                return await SetRecapAsync(couple, partner, argument!, text.Now, ct);
        }
    }

    private async Task<string> SetTimeAsync(
        Couple couple, Partner partner, Slot slot, string? argument, DateTimeOffset now, CancellationToken ct)
    {
        if (!Keywords.TryParseTime(argument, slot == Slot.Evening, out var time) || !WakingWindow.Contains(time))
            return ReplyTexts.TimeExample(partner, slot);
        if (slot == Slot.Evening ? time <= partner.MorningTime : time >= partner.EveningTime)
            return ReplyTexts.TimeOrder(slot, partner);
        var key = partner.Key;
        var updated = await couples.ChangeAsync(couple, c =>
        {
            if (slot == Slot.Evening) c[key].EveningTime = time;
            else c[key].MorningTime = time;
        }, ct);
        await due.ArmAsync(updated!, updated![key], now, ct);
        return ReplyTexts.TimeSet(partner, slot, time);
    }

    /// <summary>RECAP sun 7pm: the day and time of the partner's weekly recap.</summary>
    private async Task<string> SetRecapAsync(
        Couple couple, Partner partner, string argument, DateTimeOffset now, CancellationToken ct)
    {
        var words = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !Keywords.TryParseDay(words[0], out var day)
            || !Keywords.TryParseTime(words[1], evening: true, out var time) || !WakingWindow.Contains(time))
            return ReplyTexts.RecapExample(partner);
        var key = partner.Key;
        var updated = await couples.ChangeAsync(couple, c =>
        {
            c[key].RecapDay = day;
            c[key].RecapTime = time;
        }, ct);
        await due.ArmAsync(updated!, updated![key], now, ct);
        return ReplyTexts.RecapSet(partner, day, time);
    }
}
