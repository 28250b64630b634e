using HappyTogether.Foundation.Text;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// The ids of today's keywords, for the code and tests that name one. A keyword's identity is its id in
/// keywords.&lt;language&gt;.json; a new keyword needs no constant here, only its line and its handler.
/// </summary>
public static class Keyword
{
    /// <summary>Not a command: the text is an answer.</summary>
    public const string None = "None";
    public const string OptIn = "OptIn";
    public const string OptOut = "OptOut";

    /// <summary>A longer text that may ask to stop the texts: the partner is asked once to reply STOP.</summary>
    public const string MaybeOptOut = "MaybeOptOut";
    public const string Help = "Help";

    /// <summary>MORE: the full keyword list HELP points to.</summary>
    public const string More = "More";
    public const string Pause = "Pause";
    public const string Resume = "Resume";
    public const string Skip = "Skip";
    public const string Time = "Time";
    public const string Morning = "Morning";
    public const string Zone = "Zone";
    public const string Status = "Status";
    public const string Done = "Done";
    public const string Delete = "Delete";
    public const string DeleteYes = "DeleteYes";
    public const string ShareOff = "ShareOff";
    public const string ShareOn = "ShareOn";
    public const string Recap = "Recap";
    public const string NudgeOff = "NudgeOff";
    public const string NudgeOn = "NudgeOn";

    /// <summary>APART: the couple lives apart; only ideas that work apart.</summary>
    public const string Apart = "Apart";

    /// <summary>TOGETHER: undoes APART (and overrides the zones' guess).</summary>
    public const string Together = "Together";

    /// <summary>EVERY 2: ideas and questions every other day.</summary>
    public const string EveryOtherDay = "EveryOtherDay";

    /// <summary>WEEKDAYS: ideas and questions Monday to Friday.</summary>
    public const string Weekdays = "Weekdays";

    /// <summary>DAILY: ideas and questions every day (the default).</summary>
    public const string Daily = "Daily";

    /// <summary>THANKS fri moves the weekly appreciation night; THANKS OFF turns it off.</summary>
    public const string Thanks = "Thanks";

    /// <summary>DATE anniversary 06-14, DATE birthday 03-02, DATE anniversary OFF.</summary>
    public const string Date = "Date";

    /// <summary>DATES lists the stored occasions.</summary>
    public const string Dates = "Dates";

    /// <summary>LISTEN sun 8pm: the couple's weekly listening date; LISTEN OFF removes it.</summary>
    public const string Listen = "Listen";

    /// <summary>RITUAL thu pizza night: a weekly ritual of the couple's own; RITUAL OFF removes it.</summary>
    public const string Ritual = "Ritual";

    /// <summary>HOME apart, kids, no spending: what ideas should fit; HOME OFF clears it.</summary>
    public const string Home = "Home";

    /// <summary>ESPAÑOL: the partner's texts in Spanish.</summary>
    public const string Spanish = "Spanish";

    /// <summary>ENGLISH: the partner's texts in English.</summary>
    public const string English = "English";

    /// <summary>EXPORT: a link to the partner's own data.</summary>
    public const string Export = "Export";
}

/// <summary>
/// A parsed inbound text: the keyword id (or <see cref="Keyword.None"/>) and its argument, if any.
/// <paramref name="InOwnWords"/> marks an opt-out asked for in a sentence ("stop please"), which
/// Twilio's keyword filter does not see. <paramref name="AnsweredByTwilio"/> marks a text Twilio's Advanced
/// Opt-Out classified (OptOutType) and has already answered with its own configured reply.
/// </summary>
public sealed record Command(string Keyword, string? Argument = null, bool InOwnWords = false, bool AnsweredByTwilio = false);

/// <summary>
/// Recognizes keywords, after Unicode normalization (NFKC: full-width and other compatibility letters
/// read as plain ones), accents folded for stop words. The opt-out and opt-in words count in any case
/// with stray punctuation and spaces ("Stop.", " s t o p ", "ARRÊT"); so does a short request to stop
/// in the partner's own words, in English, Spanish or French (see <see cref="StopRequests"/>). Other
/// keywords must be the whole text, plus a short argument where they take one; anything longer ("Time
/// flies when we're together") is an answer. The words are data (keywords.&lt;language&gt;.json); the
/// argument shapes they name are read here.
/// </summary>
public static partial class Keywords
{
    private static readonly IReadOnlyList<KeywordLanguage> Languages = KeywordLanguage.LoadAll();

    /// <summary>Every keyword id the data defines, in any language.</summary>
    internal static IReadOnlySet<string> Ids { get; } =
        Languages.SelectMany(l => l.Keywords).Select(k => k.Id).ToHashSet();

    /// <summary>
    /// An inbound text's command. Twilio's Advanced Opt-Out classification (<see cref="InboundText.OptOutType"/>)
    /// decides when present, whatever the body says; Twilio has then confirmed a STOP itself.
    /// </summary>
    public static Command Parse(InboundText text)
    {
        var type = text.OptOutType?.Trim().ToUpperInvariant();
        return All().FirstOrDefault(k => k.Keyword.OptOutType is { } t && t == type) is ({ } classified, _)
            ? new(classified.Id, AnsweredByTwilio: true)
            : Parse(text.Body);
    }

    /// <summary>A text's command, read from its body alone.</summary>
    public static Command Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return new(Keyword.None);
        var asTexted = body;
        body = Normalized.Nfkc(body);
        var lettersOnly = Letters(Normalized.Folded(body));
        // Twilio answers its own opt-out words itself; a form it does not see ("s t o p", "opt out") gets
        // our confirmation.
        if (All().FirstOrDefault(k => k.Keyword.Letters.Contains(lettersOnly)) is ({ } whole, _))
            return new(whole.Id, InOwnWords: whole.TwilioConfirms && !whole.Letters.Contains(TwilioForm(asTexted)));
        // A lone stop word of another language ("ALTO", "Arrêt.", "b a j a"): Twilio's list lacks it, so
        // the confirmation comes from here.
        var request = StopRequests.IsStopWord(lettersOnly) ? StopRequest.Clear : StopRequests.Read(body);
        if (request != StopRequest.None
            && All().FirstOrDefault(k => k.Keyword.StopRequest == request) is ({ } asked, _))
            return new(asked.Id, InOwnWords: request == StopRequest.Clear);

        var words = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var (keyword, language) in All())
        {
            foreach (var phrase in keyword.Words)
            {
                var start = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length < start.Length || start.Where((w, i) => !Same(w, words[i])).Any()) continue;
                var rest = words[start.Length..];
                if (rest.Length <= keyword.Most && Fits(keyword.Argument, rest, language))
                {
                    var none = keyword.Argument == ArgumentShape.None || rest.Length == 0;
                    var argument = none ? null : string.Join(' ', rest);
                    return new(keyword.Id, argument);
                }
            }
        }
        return new(Keyword.None);
    }

    /// <summary>Whether the text's letters are a word that, from a partner already in, is an answer ("Yes").</summary>
    public static bool AnswersWhenIn(string? body) =>
        Letters(body ?? "") is { Length: > 0 } letters && All().Any(k => k.Keyword.AnswerWhenIn.Contains(letters));

    /// <summary>The language of the keyword the text starts with ("AYUDA": Spanish; a word of several languages is
    /// English's), or null: what a number in no couple is answered in.</summary>
    public static string? LanguageOf(string? body)
    {
        var first = Normalized.Nfkc(body ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return null;
        var letters = Letters(Normalized.Folded(first));
        return Languages.FirstOrDefault(l => l.Keywords.Any(k => k.Letters.Contains(letters) || k.Words.Any(p => Same(p.Split(' ')[0], first)))
            || l.SignUp.Contains(letters))?.Language;
    }

    /// <summary>The language whose sign-up word the whole text is ("JOIN": English, "Hola": Spanish), or null.</summary>
    public static string? SignUpLanguage(string? body) =>
        Letters(Normalized.Folded(body ?? "")) is { Length: > 0 } letters ? Languages.FirstOrDefault(l => l.SignUp.Contains(letters))?.Language : null;

    /// <summary>Whether <paramref name="word"/> turns a setting off ("OFF").</summary>
    public static bool IsOff(string? word) =>
        Letters(word ?? "") is { Length: > 0 } letters && Languages.Any(l => l.Off.Contains(letters));

    /// <summary>The occasion kind (<see cref="Model.Couples.Occasion"/>) a word names ("bday"), or null.</summary>
    public static string? OccasionOf(string? word)
    {
        var letters = Letters(word ?? "");
        return Languages.SelectMany(l => l.Occasions)
            .FirstOrDefault(o => letters.Length > 0 && o.Value.Contains(letters)).Key;
    }

    private static IEnumerable<(KeywordDefinition Keyword, KeywordLanguage Language)> All() =>
        Languages.SelectMany(l => l.Keywords.Select(k => (k, l)));

    // A word of a phrase with letters matches in any case and punctuation ("Delete, yes"); a number,
    // only as it is ("EVERY 2").
    private static bool Same(string phraseWord, string word) =>
        phraseWord.Any(char.IsAsciiLetter) ? Letters(Normalized.Folded(word)) == phraseWord : word == phraseWord;

    // "Morning babe", "Time flies", "Pause? Never" are answers: times and day counts start with a digit.
    private static bool Fits(ArgumentShape shape, string[] rest, KeywordLanguage language) => shape switch
    {
        ArgumentShape.None => rest.Length == 0,
        ArgumentShape.Days => rest.Length == 0 || char.IsAsciiDigit(rest[0][0]),
        ArgumentShape.Time => rest.Length > 0 && char.IsAsciiDigit(rest[0][0]),
        ArgumentShape.Zone => rest.Length > 0,
        ArgumentShape.DayAndTime => rest.Length > 0 && TryParseDay(rest[0], out _),
        ArgumentShape.DayOrOff => rest.Length == 1
            && (language.Off.Contains(Letters(rest[0])) || TryParseDay(rest[0], out _)),
        ArgumentShape.Weekly => rest.Length == 0 || language.Off.Contains(Letters(rest[0])) || TryParseDay(rest[0], out _),
        ArgumentShape.Words => true,
        ArgumentShape.Occasion => rest.Length > 0
            && language.Occasions.Values.Any(words => words.Contains(Letters(rest[0]))),
        _ => false,
    };

    // The whole text as Twilio's keyword filter compares it: trimmed of spaces and trailing punctuation, in upper case.
    private static string TwilioForm(string body) =>
        body.Trim().TrimEnd('.', '!', '?', ',', ';', ':').Trim().ToUpperInvariant();
}
