using HappyTogether.Content.Rituals;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// The couple's weekly times: LISTEN sun 8pm sets the listening date, RITUAL thu pizza night a ritual of their own;
/// either with OFF removes it. Setting one arms its reminders for both.
/// </summary>
public sealed class RitualKeywords(CoupleStore couples, RitualReminders reminders) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.Listen, OptedIn),
        new(Keyword.Ritual, OptedIn),
    ];

    private static MessageCatalog Catalog => MessageCatalog.For();

    public async Task<Handled> HandleAsync(PartnerText text, CancellationToken ct)
    {
        var listening = text.Command.Keyword == Keyword.Listen;
        var (example, off, set) = listening
            ? ("reply.listen-example", "reply.listen-off", "reply.listen-set")
            : ("reply.ritual-example", "reply.ritual-off", "reply.ritual-set");
        var words = (text.Command.Argument ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // "listen" or "Ritual" alone, not in capitals, is an answer ("What calms you?" "Listening to rain").
        if (words.Length == 0) return Keywords.StartsInCapitals(text.Body) ? Catalog.Render(example) : Handled.Answer;
        if (words.Length == 1 && Keywords.IsOff(words[0]))
        {
            await couples.ChangeAsync(text.Couple, c => Set(c, listening, null), ct);
            return Catalog.Render(off);
        }
        if (!Keywords.TryParseDay(words[0], out var day)) return text.ExampleOrAnswer(Catalog.Render(example));
        var rest = words.Skip(1).ToList();
        TimeOnly? time = rest.Count > 0 && Keywords.TryParseTime(rest[0], evening: true, out var at) ? at : null;
        if (time is not null) rest.RemoveAt(0);
        var what = Name(rest);
        if ((time is { } t && !WakingWindow.Contains(t)) || (listening ? rest.Count > 0 : what is null))
            return text.ExampleOrAnswer(Catalog.Render(example));

        var ritual = new Ritual(day, time, listening ? null : what, text.Today, text.Partner.Key);
        var updated = await couples.ChangeAsync(text.Couple, c => Set(c, listening, ritual), ct);
        if (updated is null) return Handled.Silence;
        await reminders.ArmAsync(updated, listening ? RitualReminders.Listening : RitualReminders.Own, text.Now, ct);
        (string, string)[] values =
        [
            ("day", HappyTogether.Foundation.Text.DateText.Day(day)),
            ("time", time is { } clock ? text.Partner.Clock(clock) : ""),
            ("date", text.Partner.ShortDate(ritual.First)),
        ];
        return Catalog.RenderVariant(set, time is null ? "untimed" : "timed", listening ? values : [.. values, ("what", what!)]);
    }

    private static void Set(Couple couple, bool listening, Ritual? ritual)
    {
        if (listening) couple.ListeningDate = ritual;
        else couple.Ritual = ritual;
    }

    /// <summary>The ritual's name as the app's texts quote it: GSM-7, at most <see cref="Ritual.MaxWhat"/> characters,
    /// cut at a word; null when nothing is left.</summary>
    private static string? Name(IReadOnlyList<string> words)
    {
        var name = Gsm7.Transliterate(string.Join(' ', words)).Replace("|", "", StringComparison.Ordinal).Trim(' ', '.', '!', ',');
        if (name.Length > Ritual.MaxWhat)
        {
            var cut = name.LastIndexOf(' ', Ritual.MaxWhat);
            name = name[..(cut > Ritual.MaxWhat / 2 ? cut : Ritual.MaxWhat)].TrimEnd(' ', ',', '-');
        }
        return name.Any(char.IsLetterOrDigit) ? name : null;
    }
}
