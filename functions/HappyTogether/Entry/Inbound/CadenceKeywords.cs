using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>How often ideas and questions come, for both partners: EVERY 2, WEEKDAYS, DAILY.</summary>
public sealed class CadenceKeywords(CoupleStore couples, OutboundQueue queue) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.EveryOtherDay, OptedIn),
        new(Keyword.Weekdays, OptedIn),
        new(Keyword.Daily, OptedIn),
    ];

    /// <summary>
    /// For both partners; the other is told, inside their waking hours, at most once a day. The notice
    /// is claimed once per local date it goes out on (no Ref), so later changes that day are applied but
    /// send nothing more; one still held for the morning is worded when it goes out, so it names the latest cadence.
    /// </summary>
    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct)
    {
        var (couple, partner) = (text.Couple, text.Partner);
        var cadence = text.Command.Keyword switch
        {
            Keyword.EveryOtherDay => Cadence.EveryOtherDay,
            Keyword.Weekdays => Cadence.Weekdays,
            _ => Cadence.Daily,
        };
        var changed = couple.Cadence != cadence;
        var updated = await couples.ChangeAsync(couple, c =>
        {
            c.Cadence = cadence;
            c.CadenceFrom = text.Today;
            c.CadenceSetBy = partner.Key;
        }, ct);
        var other = updated!.Other(updated[partner.Key]);
        if (changed && other.Consent == OptedIn)
        {
            // Dated by the day it can go out: one held overnight counts for the morning it reaches them.
            var now = text.Now;
            var sendsOn = ZoneTime.LocalDate(now + WakingWindow.WaitFrom(now, other.Zone), other.Zone);
            await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.CadenceChanged, sendsOn, [other.Key]), ct);
        }
        return ReplyTexts.CadenceSet(cadence, other);
    }
}
