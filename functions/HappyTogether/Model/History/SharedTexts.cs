using HappyTogether.Model.Outbound;

namespace HappyTogether.Model.History;

/// <summary>
/// The reveal rule for what a partner may read of the other's texts after the fact, one rule for every
/// page behind a link (the export, the week page): an answer, and its mood word, once that night's
/// reveal reached them (the provider took it, or it went out in the reply to their own answer, so
/// only after they answered too); a reaction once it was passed on to them; a note, or a
/// withheld answer (fear of the partner), never.
/// </summary>
public sealed class SharedTexts
{
    private readonly HashSet<(DateOnly Date, string Kind)> received;

    /// <param name="sent">The couple's outbound records over the dates asked about.</param>
    /// <param name="viewer">The partner reading ("a" or "b").</param>
    public SharedTexts(IEnumerable<OutboundRecord> sent, string viewer) =>
        received = sent.Where(r => r.Partner == viewer && r.Sid is not null && r.Kind is TextKind.Reveal or TextKind.Reaction)
            .Select(r => (r.Date, r.Kind))
            .ToHashSet();

    /// <summary>Whether the other partner's <paramref name="text"/> has reached the viewer.</summary>
    public bool Reached(AnswerRecord text) => !text.Withheld && text.Kind switch
    {
        AnswerRecord.AnswerKind => received.Contains((text.Date, TextKind.Reveal)),
        AnswerRecord.ReactionKind => received.Contains((text.Date, TextKind.Reaction)),
        _ => false,
    };
}
