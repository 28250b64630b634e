using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using Microsoft.Extensions.Options;

namespace HappyTogether.Content.Recap;

/// <summary>Weekly recaps: one range query over the couple's history partition (more only for a streak older than it),
/// then pure computation.</summary>
public sealed class RecapService(
    Answers answers, MoodLexicon lexicon, Nudges nudges, PromptCatalog catalog, SignedLinks links, CareLines lines,
    IOptions<HappyTogetherOptions> options)
{
    /// <summary>The recap of the seven local days ending on <paramref name="end"/>.</summary>
    public async Task<CoupleRecap> ComputeAsync(Couple couple, DateOnly end, CancellationToken ct = default)
    {
        var from = end.AddDays(1 - WeeklyRecap.HistoryDays);
        var (answered, done, care) = await answers.ReadActivityAsync(couple.Id, from, end, ct);
        var streak = await answers.StreakAsync(couple.Id, end, answered, from, couple.HasTextsOn, ct);
        // The care line is on by default, as a sentence of its own; CareResourceUrl only adds the link.
        return WeeklyRecap.Compute(couple, end, answered, done, streak, lexicon, nudges, id => id is not null && catalog.Find(id)?.Special == Specials.Appreciation, care);
    }

    /// <summary>
    /// The last day (Sunday) of an ISO week written "2027-W01"; without a week, the current week in
    /// the given zone. False when the text is not an ISO week.
    /// </summary>
    public static bool TryParseWeek(string? week, DateTimeOffset now, TimeZoneInfo zone, out DateOnly end)
    {
        if (string.IsNullOrWhiteSpace(week))
        {
            var today = ZoneTime.LocalDate(now, zone);
            end = today.AddDays((7 - (int)today.DayOfWeek) % 7);
            return true;
        }
        end = default;
        var parts = week.Trim().Split("-W", StringSplitOptions.None);
        if (parts.Length != 2 || parts[0].Length != 4 || parts[1].Length != 2
            || !int.TryParse(parts[0], out var year) || !int.TryParse(parts[1], out var number)
            || year is < 2000 or > 2100 || number < 1 || number > System.Globalization.ISOWeek.GetWeeksInYear(year))
            return false;
        end = DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(year, number, DayOfWeek.Sunday));
        return true;
    }

    /// <summary>The recap text for one partner, ending with their link to the week's page.</summary>
    public string Render(Couple couple, CoupleRecap recap, string partnerKey)
    {
        var partner = couple[partnerKey];
        // The link counts as made at the recap's slot, not by the clock, so a retried send composes the
        // same text: that is how a retry finds a recap that already went out.
        var slot = ZoneTime.ToUtc(recap.To, partner.RecapTime, partner.Zone);
        return RecapText.Render(couple, recap, partnerKey, nudges, options.Value.CareResourceUrl, links.WeekUrl(couple.Id, partnerKey, recap.To, slot),
            recap[partnerKey].Crisis ? lines.Week(partner.Phone) : null);
    }
}
