using System.Collections.Concurrent;
using Azure.Data.Tables;
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
public sealed class PromptRotation(PromptCatalog catalog, RotationLog log, Answers answers)
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
    private readonly ConcurrentDictionary<(string Couple, Slot Slot, int Day), RotationRead> prefetched = new();

    /// <summary>
    /// Picks a send chose and left for its claim's transaction to store, so the job's other partner
    /// composes from the same ones; dropped when the next send of that slot reads the couple.
    /// </summary>
    private readonly ConcurrentDictionary<(string Couple, Slot Slot, int Day), (IReadOnlyList<Pick> Picks, TableTransactionAction Write)> unstored = new();

    /// <summary>How far back the read with the couple takes answers: five question nights, every other day, with room
    /// to spare.</summary>
    private const int AnswerDays = 2 * Rhythm.QuietNightsBeforeOffer + 4;

    internal PromptCatalog Catalog => catalog;

    /// <summary>
    /// The couple, read with its rotation and recent answers in one request, so that composing its
    /// <paramref name="slot"/> text of <paramref name="date"/> right after costs no read of its own.
    /// Null when the partition holds no profile.
    /// </summary>
    public async Task<Couple?> ReadAsync(string coupleId, Slot slot, DateOnly date, CancellationToken ct = default)
    {
        var read = await log.ReadWithCoupleAsync(coupleId, date.AddDays(-AnswerDays), ct);
        if (read.Couple is null) return null;
        Keep(prefetched, (coupleId, slot, date.DayNumber), read);
        unstored.TryRemove((coupleId, slot, date.DayNumber), out _);
        return read.Couple;
    }

    /// <summary>The prompt of <paramref name="slot"/> for <paramref name="recipient"/> on their local <paramref
    /// name="date"/>.</summary>
    internal async Task<Prompt> PromptForAsync(Couple couple, Partner recipient, Slot slot, DateOnly date, CancellationToken ct = default) =>
        For((await PicksAsync(couple, slot, date, store: true, ct)).Picks, recipient)!;

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
            var read = attempt == 0 && prefetched.TryRemove(key, out var made) ? made : null;
            var (picks, etag) = read is not null ? (read.Picks, read.ETag) : await log.ReadAsync(couple.Id, ct);
            var today = picks[slot].Where(p => p.Day == date.DayNumber).ToList();
            if (today.Count > 0) return (Remember(key, today), null);

            var chosen = await ChooseAsync(couple, slot, date, picks[slot], read, ct);
            picks[slot].AddRange(chosen);
            if (!store)
            {
                var write = RotationLog.Write(couple.Id, picks, etag, date.DayNumber);
                Keep(unstored, key, (chosen, write));
                return (chosen, write);
            }
            if (await log.TryWriteAsync(couple.Id, picks, etag, date.DayNumber, ct)) return (Remember(key, chosen), null);
            // The other partner's send picked first: use theirs.
            if (attempt >= 5) return (chosen, null);
        }
    }

    private Prompt? For(IReadOnlyList<Pick> picks, Partner recipient) =>
        picks.FirstOrDefault(p => (p.Partner == recipient.Key || p.Partner == Pick.Both) && p.PromptId != CadenceOffer) is { } pick ? catalog.Find(pick.PromptId) : null;

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
    public async Task<(Prompt Prompt, string Body)> ComposeAsync(Couple couple, Partner recipient, Slot slot, DateOnly date, CancellationToken ct = default)
    {
        var (picks, _) = await PicksAsync(couple, slot, date, store: true, ct);
        return Compose(couple, recipient, slot, date, picks);
    }

    /// <summary>
    /// The full text of a scheduled prompt for its send: picks the day's prompts if nobody has yet and
    /// leaves storing them to the claim's transaction, so a send costs no write of its own. The write
    /// fails that transaction if another send stored picks meanwhile.
    /// </summary>
    public async Task<(Prompt Prompt, string Body, TableTransactionAction? StorePicks)> ComposeForSendAsync(Couple couple, Partner recipient, Slot slot, DateOnly date, CancellationToken ct = default)
    {
        var (picks, write) = await PicksAsync(couple, slot, date, store: false, ct);
        var (prompt, body) = Compose(couple, recipient, slot, date, picks);
        return (prompt, body, write);
    }

    private (Prompt Prompt, string Body) Compose(Couple couple, Partner recipient, Slot slot, DateOnly date, IReadOnlyList<Pick> picks)
    {
        var prompt = For(picks, recipient)!;
        var body = prompt.Render(couple.Other(recipient).TextName);
        if (slot == Slot.Evening && picks.Any(p => p.Partner == recipient.Key && p.PromptId == CadenceOffer))
            body = OfferCadence(body);
        else if (slot == Slot.Evening && catalog.QuestionSuffixes.Count is > 0 and var count)
        {
            // A partner west of the couple's zone can have an evening dated the day before the couple's first.
            var day = date.DayNumber - couple.Epoch.DayNumber;
            body += catalog.QuestionSuffixes[((day % count) + count) % count];
        }
        return (prompt, body);
    }

    private async Task<List<Pick>> ChooseAsync(Couple couple, Slot slot, DateOnly date, IReadOnlyList<Pick> recent, RotationRead? read, CancellationToken ct)
    {
        var nights = slot == Slot.Evening ? await LastNightsAsync(couple, date, recent, read, ct) : null;
        var context = new RotationContext(date.DayNumber - couple.Epoch.DayNumber, couple.IsApartOn(date), nights?.LastMissed == true, recent);
        var seed = HappyTogether.Foundation.Text.StableHash.Of($"{couple.Id}|{slot}|{date.DayNumber}");
        var offers = (nights?.Quiet ?? []).Select(partner => new Pick(date.DayNumber, partner, CadenceOffer));

        var occasion = couple.OccasionOn(date);
        if (occasion is { Kind: Occasion.Birthday } birthday)
        {
            // Whose birthday it is gets their own kind of prompt; the other gets one about them.
            var own = PromptChoice.Choose(catalog.For(slot, Specials.OwnBirthday), date, context, seed);
            var theirs = PromptChoice.Choose(catalog.For(slot, Specials.Birthday), date, context, seed / 7 + 1);
            return [new Pick(date.DayNumber, birthday.Partner, own.Id), new Pick(date.DayNumber, birthday.HeadsUpFor(), theirs.Id), .. offers];
        }
        var prompts = occasion is not null ? catalog.For(slot, Specials.Anniversary)
            : slot == Slot.Evening && couple.IsAppreciationNight(date) ? catalog.For(slot, Specials.Appreciation)
            : catalog.For(slot);
        var first = PromptChoice.Choose(prompts, date, context, seed);
        if (slot == Slot.Evening || !first.OneSided) return [new Pick(date.DayNumber, Pick.Both, first.Id), .. offers];
        // A one-sided idea goes to one partner; the other gets a different idea the same day.
        var second = PromptChoice.Choose(prompts, date, context, seed / 7 + 1, new HashSet<string> { first.Id });
        return [new Pick(date.DayNumber, Couple.PartnerA, first.Id), new Pick(date.DayNumber, Couple.PartnerB, second.Id)];
    }

    /// <summary>How the last question nights went: whether someone skipped or left the last one unanswered, and who let
    /// the last five go by.</summary>
    private sealed record LastNights(bool LastMissed, IReadOnlyList<string> Quiet);

    /// <summary>
    /// The answers since the fifth-last question night, from the read made with the couple where it reaches back so
    /// far. A partner who was opted in and not paused through five question nights and answered none is offered EVERY
    /// 2, once, while the couple goes daily.
    /// </summary>
    private async Task<LastNights> LastNightsAsync(Couple couple, DateOnly date, IReadOnlyList<Pick> recent, RotationRead? read, CancellationToken ct)
    {
        var nights = recent.Where(p => p.Day < date.DayNumber && p.PromptId != CadenceOffer).Select(p => p.Day).Distinct().OrderDescending().Take(Rhythm.QuietNightsBeforeOffer).ToList();
        if (nights.Count == 0) return new(false, []);
        var first = DateOnly.FromDayNumber(nights[^1]);
        var last = DateOnly.FromDayNumber(nights[0]);
        var answered = read is not null && read.AnswersFrom <= first
            ? read.Answers.Where(a => a.Date >= first && a.Date <= last).ToList()
            : await answers.ReadAnswersAsync(couple.Id, first, last, ct);
        var optedIn = couple.Partners.Where(p => p.Consent == ConsentState.OptedIn).ToList();
        var lastMissed = couple.Partners.Any(p => p.SkipDate == last) || optedIn.Any(p => !answered.Any(a => a.Partner == p.Key && a.Date == last));
        var quiet = nights.Count < Rhythm.QuietNightsBeforeOffer || couple.Cadence != Cadence.Daily ? []
            : optedIn.Where(p => p.CadenceOfferedOn is null && !(p.PausedUntil >= first)
                && p.ConsentChangedUtc is { } since && HappyTogether.Foundation.TimeZones.ZoneTime.LocalDate(since, p.Zone) < first
                && answered.All(a => a.Partner != p.Key))
                .Select(p => p.Key).ToList();
        return new(lastMissed, quiet);
    }
}
