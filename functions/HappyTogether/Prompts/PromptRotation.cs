using System.Collections.Concurrent;
using HappyTogether.Couples;
using HappyTogether.History;
using HappyTogether.Scheduling;

namespace HappyTogether.Prompts;

/// <summary>
/// Picks each day's prompt for a couple (see <see cref="PromptChoice"/> for the rules) and remembers
/// it in the <see cref="RotationLog"/>: both partners get the same question on the same local date,
/// and the same idea unless it is one a partner does for the other, when the two get different ones.
/// A retried send finds the stored pick and composes the same text.
/// </summary>
public sealed class PromptRotation(PromptCatalogue catalogue, RotationLog log, Answers answers)
{
    /// <summary>Picks this process has read or stored: a pick never changes once stored, so the second partner of a job costs no request.</summary>
    private readonly ConcurrentDictionary<(string Couple, Slot Slot, int Day), IReadOnlyList<Pick>> known = new();
    private const int KnownLimit = 20_000;

    public PromptCatalogue Catalogue => catalogue;

    /// <summary>The prompt of <paramref name="slot"/> for <paramref name="recipient"/> on their local <paramref name="date"/>.</summary>
    public async Task<Prompt> PromptForAsync(Couple couple, Partner recipient, Slot slot, DateOnly date, CancellationToken ct = default)
    {
        var key = (couple.Id, slot, date.DayNumber);
        if (known.TryGetValue(key, out var cached) && For(cached, recipient) is { } remembered) return remembered;
        for (var attempt = 0; ; attempt++)
        {
            var (picks, etag) = await log.ReadAsync(couple.Id, ct);
            var today = picks[slot].Where(p => p.Day == date.DayNumber).ToList();
            if (For(today, recipient) is { } stored)
                return Remember(key, today, stored);

            var chosen = await ChooseAsync(couple, slot, date, picks[slot], ct);
            picks[slot].RemoveAll(p => p.Day == date.DayNumber);
            picks[slot].AddRange(chosen);
            if (await log.TryWriteAsync(couple.Id, picks, etag, date.DayNumber, ct))
                return Remember(key, chosen, For(chosen, recipient)!);
            // The other partner's send picked first: use theirs.
            if (attempt >= 5) return For(chosen, recipient)!;
        }
    }

    private Prompt? For(IReadOnlyList<Pick> picks, Partner recipient) =>
        picks.FirstOrDefault(p => p.Partner == recipient.Key || p.Partner == Pick.Both) is { } pick ? catalogue.Find(pick.PromptId) : null;

    private Prompt Remember((string, Slot, int) key, IReadOnlyList<Pick> picks, Prompt prompt)
    {
        if (known.Count >= KnownLimit) known.Clear();
        known[key] = picks;
        return prompt;
    }

    /// <summary>The full text of a scheduled prompt as sent to <paramref name="recipient"/>.</summary>
    public async Task<(Prompt Prompt, string Body)> ComposeAsync(Couple couple, Partner recipient, Slot slot, DateOnly date, CancellationToken ct = default)
    {
        var prompt = await PromptForAsync(couple, recipient, slot, date, ct);
        var body = prompt.Render(couple.Other(recipient).TextName);
        if (slot == Slot.Evening && catalogue.QuestionSuffixes.Count is > 0 and var count)
        {
            // A partner west of the couple's zone can have an evening dated the day before the couple's first.
            var day = date.DayNumber - couple.Epoch.DayNumber;
            body += catalogue.QuestionSuffixes[((day % count) + count) % count];
        }
        return (prompt, body);
    }

    private async Task<List<Pick>> ChooseAsync(Couple couple, Slot slot, DateOnly date, IReadOnlyList<Pick> recent, CancellationToken ct)
    {
        var prompts = catalogue.For(slot);
        var lighter = slot == Slot.Evening && await LastNightWasMissedAsync(couple, date, recent, ct);
        var context = new RotationContext(date.DayNumber - couple.Epoch.DayNumber, couple.IsApartOn(date), lighter, recent);
        var seed = Text.StableHash.Of($"{couple.Id}|{slot}|{date.DayNumber}");
        var first = PromptChoice.Choose(prompts, date, context, seed);
        if (slot == Slot.Evening || !first.OneSided) return [new Pick(date.DayNumber, Pick.Both, first.Id)];
        // A one-sided idea goes to one partner; the other gets a different idea the same day.
        var second = PromptChoice.Choose(prompts, date, context, seed / 7 + 1, new HashSet<string> { first.Id });
        return [new Pick(date.DayNumber, Couple.PartnerA, first.Id), new Pick(date.DayNumber, Couple.PartnerB, second.Id)];
    }

    /// <summary>True when a question went out the night before and someone skipped it or left it unanswered.</summary>
    private async Task<bool> LastNightWasMissedAsync(Couple couple, DateOnly date, IReadOnlyList<Pick> recent, CancellationToken ct)
    {
        var yesterday = date.AddDays(-1);
        if (!recent.Any(p => p.Day == yesterday.DayNumber)) return false;
        if (couple.Partners.Any(p => p.SkipDate == yesterday)) return true;
        var answered = await answers.ReadAnswersAsync(couple.Id, yesterday, yesterday, ct);
        return couple.Partners.Where(p => p.Consent == ConsentState.OptedIn).Any(p => answered.All(a => a.Partner != p.Key));
    }
}
