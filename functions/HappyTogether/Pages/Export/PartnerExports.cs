using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;

namespace HappyTogether.Pages.Export;

/// <summary>What one partner may take away (EXPORT): their own texts, what the other shared with them, and mood words
/// by date.</summary>
/// <param name="ExportedOn">The partner's local date when the export was read.</param>
/// <param name="Name">The partner's own first name.</param>
/// <param name="PartnerName">The other partner's first name (never their number).</param>
public sealed record PartnerExport(
    DateOnly ExportedOn, string Name, string TimeZone, string PartnerName, IReadOnlyList<ExportedText> Answers, IReadOnlyList<ExportedMood> Moods);

/// <summary>One text in an export, oldest first.</summary>
/// <param name="Date">The local date of the question it belongs to.</param>
/// <param name="Who">First name of the partner who wrote it.</param>
/// <param name="Kind"><see cref="ExportedText.Answer"/>, <see cref="ExportedText.Reaction"/> or <see
/// cref="ExportedText.Note"/>.</param>
/// <param name="Question">The evening question answered, as its writer received it; null for notes and prompts no
/// longer in the catalog.</param>
/// <param name="Text">The text as written.</param>
/// <param name="Mood">The mood word read from an answer; null for reactions and notes.</param>
public sealed record ExportedText(DateOnly Date, string Who, string Kind, string? Question, string Text, string? Mood)
{
    public const string Answer = "answer";
    public const string Reaction = "reaction";
    public const string Note = "note";
}

/// <summary>The mood words of one date: the partner's own, and the other's where their answer was shared with
/// them.</summary>
public sealed record ExportedMood(DateOnly Date, string? You, string? Partner);

/// <summary>
/// Reads a partner's export from the couple's history partition in two range queries (the texts
/// partners sent, and the texts the app sent, which say what reached this partner). "Their answers"
/// are every text of theirs the history keeps: answers with their mood words, the reactions they
/// passed on, and their private notes. Of the other partner's texts, only what <see cref="SharedTexts"/>
/// says reached this partner: never a note, never an answer held back by SHARE OFF or never matched,
/// while what was revealed before a SHARE OFF stays theirs.
/// </summary>
public sealed class PartnerExports(CoupleStore couples, Answers answers, HistoryStore history, PromptCatalog catalog, TimeProvider clock)
{
    // Every date a history row can have (the end is inclusive, so one day short of the last).
    private static readonly DateOnly First = DateOnly.MinValue;
    private static readonly DateOnly Last = DateOnly.MaxValue.AddDays(-1);

    /// <summary>
    /// The couple and partner a link was made for while that partner may still take their data; null
    /// when the couple is erased or being erased, or the partner opted out.
    /// </summary>
    public async Task<(Couple Couple, Partner Partner)?> FindAsync(string coupleId, string partnerKey, CancellationToken ct = default)
    {
        if (partnerKey is not (Couple.PartnerA or Couple.PartnerB)) return null;
        var couple = await couples.GetAsync(coupleId, ct);
        if (couple is null || couple.ErasingSinceUtc is not null) return null;
        var partner = couple[partnerKey];
        return partner.Consent == ConsentState.OptedOut ? null : (couple, partner);
    }

    /// <summary>The partner's export, or null when <see cref="FindAsync"/> finds nobody.</summary>
    public async Task<PartnerExport?> ReadAsync(string coupleId, string partnerKey, CancellationToken ct = default)
    {
        if (await FindAsync(coupleId, partnerKey, ct) is not { } found) return null;
        var (couple, me) = found;
        var other = couple.Other(me);

        var texts = await answers.ReadTextsAsync(couple.Id, First, Last, ct);
        var shared = new SharedTexts(await history.ReadOutboundAsync(couple.Id, First, Last, ct), me.Key);
        var kept = texts.Where(t => t.Partner == me.Key || (t.Partner == other.Key && shared.Reached(t)))
            .OrderBy(t => t.Date).ThenBy(t => t.ReceivedUtc)
            .ToList();

        var rows = kept.Select(t => Row(couple, t)).ToList();
        var moods = kept.Where(t => t.Kind == AnswerRecord.AnswerKind && t.Mood is not null)
            .GroupBy(t => t.Date)
            .Select(g => new ExportedMood(g.Key, g.FirstOrDefault(t => t.Partner == me.Key)?.Mood, g.FirstOrDefault(t => t.Partner == other.Key)?.Mood))
            .ToList();
        return new PartnerExport(ZoneTime.LocalDate(clock.GetUtcNow(), me.Zone), me.Name, me.TimeZone, other.Name, rows, moods);
    }

    private ExportedText Row(Couple couple, AnswerRecord text)
    {
        var writer = couple[text.Partner];
        var kind = text.Kind switch
        {
            AnswerRecord.AnswerKind => ExportedText.Answer,
            AnswerRecord.ReactionKind => ExportedText.Reaction,
            _ => ExportedText.Note,
        };
        // The question as the writer got it: with the other partner's name, as the rotation renders it.
        var question = kind == ExportedText.Note || text.PromptId is null ? null : catalog.Find(text.PromptId)?.Render(couple.Other(writer).TextName);
        return new ExportedText(text.Date, writer.Name, kind, question, text.Text, kind == ExportedText.Answer ? text.Mood : null);
    }
}
