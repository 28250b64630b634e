using System.Collections.Concurrent;
using Azure.Data.Tables;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Content.Prompts;

/// <summary>
/// Picks each day's prompt for a couple (see <see cref="PromptChoice"/> for the rules) and remembers
/// it in the <see cref="RotationLog"/>: both partners get the same question on the same local date,
/// and the same idea unless it is one a partner does for the other, when the two get different ones.
/// Occasions and the weekly appreciation night draw from their own prompts. A retried send finds the
/// stored pick and composes the same text.
/// </summary>
public sealed partial class PromptRotation(PromptCatalog catalog, RotationLog log, Answers answers, MoodLexicon lexicon)
{
    /// <summary>Stored beside a night's pick for a partner whose question that night offers EVERY 2 instead of asking
    /// for a mood word.</summary>
    public const string CadenceOffer = "~every2";

    /// <summary>What the evening question says instead of its usual ending when it offers a calmer cadence.</summary>
    public static string CadenceOfferSuffix => OfferCadence("");

    private static string OfferCadence(string question) =>
        HappyTogether.Foundation.Messages.MessageCatalog.For().Render("prompt.cadence-offer", ("question", question));

    /// <summary>Picks this process has read or stored: a pick never changes once stored, so the second partner of a job
    /// costs no request.</summary>
    private readonly ConcurrentDictionary<(string Couple, Slot Slot, int Day), IReadOnlyList<Pick>> known = new();
    private const int KnownLimit = 20_000;

    /// <summary>Reads made with the couple just before its compose (<see cref="ReadAsync"/>), taken by the compose that
    /// follows.</summary>
    private readonly ConcurrentDictionary<(string Couple, Slot Slot, int Day), RotationRow> prefetched = new();

    /// <summary>
    /// Picks a send chose and left for its claim's transaction to store, so the job's other partner
    /// composes from the same ones; dropped when the next send of that slot reads the couple.
    /// </summary>
    private readonly ConcurrentDictionary<(string Couple, Slot Slot, int Day), (IReadOnlyList<Pick> Picks, TableTransactionAction Write)> unstored = new();

    /// <summary>Answered nights read with the couple, kept for the compose of each partner's text (the question's
    /// ending).</summary>
    private readonly ConcurrentDictionary<(string Couple, Slot Slot, int Day), RotationRow> answered = new();

    /// <summary>How far back choosing looks at answered nights: five question nights, every other day, with room to
    /// spare (and the two weeks a question's ending looks at).</summary>
    private const int AnswerDays = 2 * Rhythm.QuietNightsBeforeOffer + 4;

    /// <summary>Stored for the morning that asks the household question instead of an idea.</summary>
    public const string HomeQuestion = "~home";

    internal PromptCatalog Catalog => catalog;

    /// <summary>
    /// The couple, read with its rotation row (picks and answered nights) in one request of two rows, so
    /// that composing its <paramref name="slot"/> text of <paramref name="date"/> right after costs no
    /// read of its own. Null when the partition holds no profile.
    /// </summary>
    public async Task<Couple?> ReadAsync(string coupleId, Slot slot, DateOnly date, CancellationToken ct = default)
    {
        var (couple, rotation) = await log.ReadWithCoupleAsync(coupleId, ct);
        if (couple is null) return null;
        Keep(prefetched, (coupleId, slot, date.DayNumber), rotation);
        Keep(answered, (coupleId, slot, date.DayNumber), rotation);
        unstored.TryRemove((coupleId, slot, date.DayNumber), out _);
        return couple;
    }

    /// <summary>
    /// The row with every answered night from <see cref="AnswerDays"/> before <paramref name="date"/> on, for the
    /// compose that needs them. A row written before the nights were kept on it gets them from the answers themselves
    /// (one range read); its next write stores them, and the answers after it note their own.
    /// </summary>
    private async Task<RotationRow> WithNightsAsync(string coupleId, RotationRow rotation, DateOnly date, CancellationToken ct)
    {
        var since = date.AddDays(-AnswerDays);
        if (rotation.HasNightsFrom(since)) return rotation;
        // No row yet: no prompt has gone out, so no answer can be there either.
        if (rotation.ETag is null) return rotation with { NightsFrom = since };
        // Answers dated a day or two ahead (a partner in a later zone) are nights to keep too; the span stays inside the ring.
        var read = await answers.ReadAnswersAsync(coupleId, since, date.AddDays(RotationLog.DaysAhead), ct);
        var nights = read.Select(a => AnsweredNight.Of(a, lexicon)).ToList();
        return rotation with { Nights = nights, NightsFrom = since };
    }

    /// <summary>The prompt of <paramref name="slot"/> for <paramref name="recipient"/> on their local <paramref
    /// name="date"/>.</summary>
    internal async Task<Prompt?> PromptForAsync(Couple couple, Partner recipient, Slot slot, DateOnly date, CancellationToken ct = default) =>
        catalog.Find(PickFor((await PicksAsync(couple, slot, date, store: true, ct)).Picks, recipient));

    /// <summary>True when the evening question of <paramref name="date"/> offers <paramref name="recipient"/> to go
    /// every other day (after its send, which stored the picks).</summary>
    public async Task<bool> OffersCadenceAsync(Couple couple, Partner recipient, DateOnly date, CancellationToken ct = default) =>
        (await PicksAsync(couple, Slot.Evening, date, store: false, ct)).Picks.Any(p => p.Partner == recipient.Key && p.PromptId == CadenceOffer);

    /// <summary>
    /// The day's stored picks, or picks chosen now: stored here when <paramref name="store"/>, else
    /// returned with the write that stores them, for the claim's transaction.
    /// </summary>
    private async Task<(IReadOnlyList<Pick> Picks, TableTransactionAction? Write)> PicksAsync(Couple couple, Slot slot, DateOnly date, bool store, CancellationToken ct)
    {
        var key = (couple.Id, slot, date.DayNumber);
        if (known.TryGetValue(key, out var cached)) return (cached, null);
        if (!store && unstored.TryGetValue(key, out var left)) return left;
        for (var attempt = 0; ; attempt++)
        {
            // The read made with the couple serves the first round; a round after a lost write reads again.
            var rotation = attempt == 0 && prefetched.TryRemove(key, out var made) ? made : await log.ReadAsync(couple.Id, ct);
            var picks = rotation.Picks;
            var today = picks[slot].Where(p => p.Day == date.DayNumber).ToList();
            if (today.Count > 0) return (Remember(key, today), null);

            rotation = await WithNightsAsync(couple.Id, rotation, date, ct);
            Keep(answered, key, rotation);
            var chosen = ChooseFor(couple, slot, date, rotation);
            picks[slot].AddRange(chosen);
            if (!store)
            {
                var write = RotationLog.Write(couple.Id, rotation, date.DayNumber);
                Keep(unstored, key, (chosen, write));
                return (chosen, write);
            }
            if (await log.TryWriteAsync(couple.Id, rotation, date.DayNumber, ct)) return (Remember(key, chosen), null);
            // The other partner's send picked first: use theirs.
            if (attempt >= 5) return (chosen, null);
        }
    }

    private static string PickFor(IReadOnlyList<Pick> picks, Partner recipient) =>
        picks.First(p => (p.Partner == recipient.Key || p.Partner == Pick.Both) && p.PromptId != CadenceOffer).PromptId;

    private IReadOnlyList<Pick> Remember((string, Slot, int) key, IReadOnlyList<Pick> picks)
    {
        Keep(known, key, picks);
        return picks;
    }

    /// <summary>Stores in one of the caches above, emptied when full: each holds couples of a day or two, never every
    /// couple ever sent to.</summary>
    private static void Keep<T>(ConcurrentDictionary<(string Couple, Slot Slot, int Day), T> cache, (string, Slot, int) key, T value)
    {
        if (cache.Count >= KnownLimit) cache.Clear();
        cache[key] = value;
    }

    /// <summary>The full text of a scheduled prompt as sent to <paramref name="recipient"/>, the day's picks stored
    /// first.</summary>
    public async Task<ComposedPrompt> ComposeAsync(Couple couple, Partner recipient, Slot slot, DateOnly date, CancellationToken ct = default)
    {
        var (picks, _) = await PicksAsync(couple, slot, date, store: true, ct);
        return await ComposeAsync(couple, recipient, slot, date, picks, ct);
    }

    /// <summary>
    /// The full text of a scheduled prompt for its send: picks the day's prompts if nobody has yet and
    /// leaves storing them to the claim's transaction, so a send costs no write of its own. The write
    /// fails that transaction if another send stored picks meanwhile.
    /// </summary>
    public async Task<(ComposedPrompt Text, TableTransactionAction? StorePicks)> ComposeForSendAsync(Couple couple, Partner recipient, Slot slot, DateOnly date, CancellationToken ct = default)
    {
        var (picks, write) = await PicksAsync(couple, slot, date, store: false, ct);
        return (await ComposeAsync(couple, recipient, slot, date, picks, ct), write);
    }

    private async Task<ComposedPrompt> ComposeAsync(Couple couple, Partner recipient, Slot slot, DateOnly date, IReadOnlyList<Pick> picks, CancellationToken ct)
    {
        var id = PickFor(picks, recipient);
        var other = couple.Other(recipient).TextName;
        // Each partner reads the pick in their own language (in English if it was picked before they chose theirs).
        var local = catalog.In(recipient.Language);
        if (id == HomeQuestion) return new(id, null, MessageCatalog.For().Render("prompt.home-question"));
        if (FollowThrough.IsPick(id))
        {
            var question = local.Find(FollowThrough.QuestionOf(id)) ?? catalog.Find(FollowThrough.QuestionOf(id));
            // The one answer it quotes, by its key: only these mornings read an answer's words.
            var quoted = question is null ? null
                : FollowThrough.Compose(couple, recipient, question, await answers.GetAnswerAsync(couple.Id, date.AddDays(-1), couple.Other(recipient).Key, ct));
            return new(id, null, Gsm7.Cheapest(quoted ?? MessageCatalog.For().Render("prompt.follow-through-gone", ("partner", other))));
        }
        var prompt = local.Find(id) ?? catalog.Find(id)!;
        var body = prompt.Render(other);
        if (slot == Slot.Evening && picks.Any(p => p.Partner == recipient.Key && p.PromptId == CadenceOffer))
            body = OfferCadence(body);
        else if (slot == Slot.Evening)
        {
            // A partner west of the couple's zone can have an evening dated the day before the couple's first.
            var stage = QuestionEnding.For(recipient.Key, date, await NightsAsync(couple, slot, date, ct));
            body += QuestionEnding.Of(stage, date.DayNumber - couple.Epoch.DayNumber, local);
        }
        return new(id, prompt, Gsm7.Cheapest(body));
    }

    /// <summary>The couple's answered nights of the last two weeks before <paramref name="date"/>: from the read made
    /// with the couple, or read now; kept for the job's other partner.</summary>
    private async Task<IReadOnlyList<AnsweredNight>> NightsAsync(Couple couple, Slot slot, DateOnly date, CancellationToken ct)
    {
        var key = (couple.Id, slot, date.DayNumber);
        var rotation = await WithNightsAsync(couple.Id, answered.TryGetValue(key, out var read) ? read : await log.ReadAsync(couple.Id, ct), date, ct);
        Keep(answered, key, rotation);
        return rotation.Nights;
    }
}

/// <summary>A prompt's text as a partner gets it: the stored pick's id, the catalog prompt when the pick is one (not the
/// household question or a follow-through), and the body.</summary>
public sealed record ComposedPrompt(string Id, Prompt? Prompt, string Body);
