using System.Text.Json;
using System.Text.Json.Serialization;
using HappyTogether.Model.Couples;

namespace HappyTogether.Entry.Inbound;

/// <summary>What may follow a keyword's words: a closed set, read in code; the data names one per keyword.</summary>
public enum ArgumentShape
{
    /// <summary>Nothing: the keyword is the whole text.</summary>
    None,

    /// <summary>Optional, starting with a digit: "PAUSE 5", "pause 10 days".</summary>
    Days,

    /// <summary>Starting with a digit: "TIME 9pm", "MORNING 7:30" ("Morning babe" is an answer).</summary>
    Time,

    /// <summary>Any words: "ZONE New York".</summary>
    Zone,

    /// <summary>Starting with a weekday: "RECAP sun 7pm".</summary>
    DayAndTime,

    /// <summary>One word, a weekday or an off word: "THANKS fri", "THANKS OFF".</summary>
    DayOrOff,

    /// <summary>Optional; starting with a weekday or an off word: "LISTEN sun 8pm", "RITUAL thu pizza night",
    /// "LISTEN OFF".</summary>
    Weekly,

    /// <summary>Any words, or none: "HOME apart, kids".</summary>
    Words,

    /// <summary>Starting with an occasion word: "DATE anniversary 06-14", "DATE bday OFF".</summary>
    Occasion,
}

/// <summary>One keyword of one language, as a line of keywords.&lt;language&gt;.json gives it.</summary>
public sealed record KeywordDefinition(string Id)
{
    /// <summary>Whole texts whose letters alone are the keyword, in any spacing and punctuation ("s t o p").</summary>
    public IReadOnlyList<string> Letters { get; init; } = [];

    /// <summary>Twilio confirms <see cref="Letters"/> itself when texted as they are.</summary>
    public bool TwilioConfirms { get; init; }

    /// <summary>The Advanced Opt-Out classification (STOP, START, HELP) that stands for this keyword.</summary>
    public string? OptOutType { get; init; }

    /// <summary>The kind of request to stop, in the partner's own words, that is this keyword.</summary>
    public StopRequest? StopRequest { get; init; }

    /// <summary>Phrases the text starts with ("DELETE YES"), before the argument.</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>From a partner already in, texts of these letters are an answer, not the keyword ("Yes").</summary>
    public IReadOnlyList<string> AnswerWhenIn { get; init; } = [];

    public ArgumentShape Argument { get; init; }

    /// <summary>The most words the argument may have; past it the text is an answer.</summary>
    public int Most { get; init; }
}

/// <summary>The keywords of one language, and the words their argument shapes read.</summary>
public sealed record KeywordLanguage(string Language, IReadOnlyList<KeywordDefinition> Keywords)
{
    /// <summary>Words that turn a setting off: THANKS OFF, DATE anniversary OFF.</summary>
    public IReadOnlyList<string> Off { get; init; } = [];

    /// <summary>Words that, texted alone from a number in no couple, start the sign-up dialogue in this language
    /// (JOIN, HOLA).</summary>
    public IReadOnlyList<string> SignUp { get; init; } = [];

    /// <summary>The words for each occasion kind (<see cref="Occasion"/>), as DATE takes them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Occasions { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Every embedded keywords.&lt;language&gt;.json, English first; a language is a file, not code.</summary>
    public static IReadOnlyList<KeywordLanguage> LoadAll()
    {
        const string prefix = "HappyTogether.Entry.Inbound.keywords.";
        var assembly = typeof(KeywordLanguage).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(n => n == prefix + "en.json" ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal).ToList();
        if (names.Count == 0) throw new InvalidOperationException("The keyword lists are missing from the build.");
        return names.Select(name =>
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            return Check(JsonSerializer.Deserialize<KeywordLanguage>(stream, Json), name);
        }).ToList();
    }

    // A mistake in the data fails at start-up, not on the first text that meets it.
    private static KeywordLanguage Check(KeywordLanguage? language, string name)
    {
        if (language?.Keywords is not { Count: > 0 } keywords)
            throw new InvalidDataException($"{name} lists no keywords.");
        foreach (var keyword in keywords)
        {
            if (string.IsNullOrWhiteSpace(keyword.Id) || keyword.Id == Keyword.None)
                throw new InvalidDataException($"{name}: a keyword needs an id other than {Keyword.None}.");
            var read = keyword.Letters.Count + keyword.Words.Count > 0 || keyword.StopRequest is not null
                || keyword.OptOutType is not null;
            if (!read)
                throw new InvalidDataException($"{name}: nothing a partner texts reads as {keyword.Id}.");
            if (keyword.Argument != ArgumentShape.None && keyword.Most < 1)
                throw new InvalidDataException($"{name}: {keyword.Id} takes an argument: give its most words.");
            // Texts are matched by their letters in upper case.
            if (keyword.Letters.Concat(keyword.Words).Concat(keyword.AnswerWhenIn).Any(w => w != w.ToUpperInvariant()))
                throw new InvalidDataException($"{name}: write the words of {keyword.Id} in capitals.");
        }
        // The handlers store occasions by these kinds.
        if (language.Occasions.Keys.Except([Occasion.Anniversary, Occasion.Birthday]).FirstOrDefault() is { } kind)
            throw new InvalidDataException($"{name}: {kind} is no occasion (anniversary, birthday).");
        var twice = keywords.GroupBy(k => k.Id).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InvalidDataException($"{name} lists {twice.Key} twice: give it one line with every word.");
        return language;
    }
}
