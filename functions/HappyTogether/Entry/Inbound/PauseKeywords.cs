using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>A partner's break from the texts: PAUSE (for days), RESUME, SKIP (today), DONE (tonight's idea).</summary>
public sealed class PauseKeywords(CoupleStore couples, Answers answers) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.Pause, OptedIn),
        new(Keyword.Resume, OptedIn),
        new(Keyword.Skip, OptedIn),
        new(Keyword.Done, OptedIn),
    ];

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct)
    {
        var (couple, partner, key, today) = (text.Couple, text.Partner, text.Partner.Key, text.Today);
        switch (text.Command.Keyword)
        {
            case Keyword.Pause:
                var days = 7;
                if (text.Command.Argument is { } argument && !TryDays(argument, out days))
                    return text.ExampleOrAnswer(ReplyTexts.PauseExample);
                var until = today.AddDays(days - 1);
                await couples.ChangeAsync(couple, c => c[key].PausedUntil = until, ct);
                return ReplyTexts.Paused(partner, until);
            case Keyword.Resume:
                if (partner.PausedUntil is null || partner.PausedUntil < today) return ReplyTexts.NotPaused;
                await couples.ChangeAsync(couple, c =>
                {
                    c[key].PausedUntil = null;
                    // Also a pause for texts that could not reach them: they are back.
                    c[key].UnreachableOn = null;
                }, ct);
                return ReplyTexts.Resume;
            case Keyword.Skip:
                await couples.ChangeAsync(couple, c => c[key].SkipDate = today, ct);
                return ReplyTexts.Skip;
            default:
                await answers.MarkDoneAsync(couple.Id, today, key, text.Now, ct);
                return ReplyTexts.Done;
        }
    }

    // "5", "10 days": from 1 to 30.
    private static bool TryDays(string argument, out int days)
    {
        var words = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.TryParse(words[0], out days) && days is >= 1 and <= 30
            && words.Skip(1).All(w => w.StartsWith("day", StringComparison.OrdinalIgnoreCase));
    }
}
