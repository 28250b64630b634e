using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

using HappyTogether.Foundation.Text;

namespace HappyTogether.Foundation.Messages;

/// <summary>
/// Every text the app writes, in one language, read from messages.{language}.json in this assembly:
/// each text by id, with its variants, its placeholders and its budget, and the sentences of its pages.
/// Loaded once per language and checked as it loads, so a wording that names an undeclared placeholder
/// fails at start, not at send.
/// </summary>
public sealed partial class MessageCatalog
{
    /// <summary>The language every other catalog must match, id for id.</summary>
    public const string DefaultLanguage = "en";

    private static readonly ConcurrentDictionary<string, MessageCatalog> Loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Message> messages;
    private readonly Dictionary<(string Id, string Variant), Part[]> wordings;

    private MessageCatalog(string language, Dictionary<string, Message> messages)
    {
        Language = language;
        this.messages = messages;
        All = [.. messages.Values.Where(m => !m.OnPage)];
        Pages = [.. messages.Values.Where(m => m.OnPage)];
        wordings = messages.Values
            .SelectMany(m => m.Variants.Select(v => (Key: (m.Id, v.Key), Parts: MessageTemplate.Parse(v.Value))))
            .ToDictionary(w => w.Key, w => w.Parts);
    }

    /// <summary>The catalog's language ("en").</summary>
    public string Language { get; }

    /// <summary>Every text message, in file order.</summary>
    public IReadOnlyList<Message> All { get; }

    /// <summary>The wording of the web pages, in file order.</summary>
    public IReadOnlyList<Message> Pages { get; }

    /// <summary>The catalog of <paramref name="language"/>, loaded on first use; by default the language texts are
    /// written in now (<see cref="Languages.Current"/>).</summary>
    public static MessageCatalog For(string? language = null) => Loaded.GetOrAdd(language ?? Languages.Current, Load);

    /// <summary>The message with this id.</summary>
    /// <exception cref="KeyNotFoundException">The catalog has no such message.</exception>
    public Message this[string id] => messages.TryGetValue(id, out var message) ? message
        : throw new KeyNotFoundException($"messages.{Language}.json has no message '{id}'.");

    /// <summary>A message without variants, its placeholders filled from <paramref name="values"/>.</summary>
    public string Render(string id, params ReadOnlySpan<(string Name, string Value)> values) =>
        RenderVariant(id, Message.Single, values);

    /// <summary>The <paramref name="variant"/> wording of a message, its placeholders filled in.</summary>
    /// <exception cref="KeyNotFoundException">No such message or variant.</exception>
    /// <exception cref="ArgumentException">
    /// A value for a placeholder the message does not declare, or none for one the wording uses.
    /// </exception>
    public string RenderVariant(string id, string variant, params ReadOnlySpan<(string Name, string Value)> values)
    {
        var message = this[id];
        if (!wordings.TryGetValue((id, variant), out var parts))
        {
            throw new KeyNotFoundException(variant == Message.Single
                ? $"Message '{id}' has variants ({string.Join(", ", message.Variants.Keys)}); name one."
                : $"Message '{id}' has no variant '{variant}'.");
        }
        foreach (var (name, _) in values)
        {
            if (!message.Placeholders.Contains(name))
                throw new ArgumentException($"Message '{id}' has no placeholder {{{name}}}.", nameof(values));
        }
        var text = Join(message, parts, values, plain: false);
        if (Gsm7.IsBasic(text)) return text;
        // Written with accents GSM-7 lacks ("día"): without them when that saves a segment. A partner's own words
        // (the quoted placeholders) stay as they are.
        return Gsm7.Cheaper(text, Join(message, parts, values, plain: true));
    }

    private static string Join(Message message, Part[] parts, ReadOnlySpan<(string Name, string Value)> values, bool plain)
    {
        // A wording without placeholders is one literal part: no copy.
        if (parts is [{ Placeholder: null } only]) return plain ? Gsm7.WithoutAccents(only.Text) : only.Text;
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            var value = part.Placeholder is null ? part.Text : ValueOf(message.Id, part.Placeholder, values);
            text.Append(plain && (part.Placeholder is null || !message.Quoted.Contains(part.Placeholder)) ? Gsm7.WithoutAccents(value) : value);
        }
        return text.ToString();
    }

    private static string ValueOf(string id, string placeholder, ReadOnlySpan<(string Name, string Value)> values)
    {
        foreach (var (name, value) in values)
            if (name == placeholder && value is not null) return value;
        throw new ArgumentException($"Message '{id}' needs a value for {{{placeholder}}}.", nameof(values));
    }

    /// <summary>
    /// Reads a catalog file; a language other than the default is checked against <paramref name="reference"/>
    /// (same ids, variants and placeholders).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed or inconsistent.</exception>
    public static MessageCatalog Parse(Stream json, string language, MessageCatalog? reference = null)
    {
        var source = $"messages.{language}.json";
        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(json, FileOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not a valid catalog: {e.Message}", e);
        }
        if (file is null) throw new InvalidDataException($"{source} is empty.");
        if (file.Language != language)
            throw new InvalidDataException($"{source} says its language is '{file.Language}'.");
        var messages = new Dictionary<string, Message>(StringComparer.Ordinal);
        foreach (var message in file.Messages.Select(e => e.ToMessage(source)).Concat(
            (file.Pages ?? []).Select(e => e.ToMessage(source))))
        {
            MessageTemplate.Check(source, message);
            if (!messages.TryAdd(message.Id, message))
                throw new InvalidDataException($"{source} has message '{message.Id}' twice.");
        }
        if (reference is not null) MessageTemplate.Match(source, messages, reference.messages);
        return new MessageCatalog(language, messages);
    }

    private static MessageCatalog Load(string language)
    {
        if (!LanguageShape().IsMatch(language))
            throw new ArgumentException($"'{language}' is not a language code.", nameof(language));
        var name = $"{typeof(MessageCatalog).Namespace}.messages.{language}.json";
        using var stream = typeof(MessageCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No message catalog for '{language}' ({name} is not built in).");
        return Parse(stream, language, language == DefaultLanguage ? null : For(DefaultLanguage));
    }

    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerOptions.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    [GeneratedRegex("^[a-z]{2,3}(-[A-Z]{2})?$")]
    private static partial Regex LanguageShape();

    private sealed record CatalogFile(
        [property: JsonRequired] string Language,
        [property: JsonRequired] List<Entry> Messages,
        List<PageEntry>? Pages);

    private sealed record Entry(
        [property: JsonRequired] string Id,
        string? About,
        [property: JsonRequired] int Segments,
        [property: JsonRequired] bool Gsm7,
        List<string>? Placeholders,
        List<string>? Quoted,
        string? Text,
        Dictionary<string, string>? Variants)
    {
        public Message ToMessage(string source)
        {
            if ((Text is null) == (Variants is null))
                throw new InvalidDataException($"{source}: message '{Id}' needs either a text or variants, not both.");
            var variants = Variants ?? new Dictionary<string, string> { [Message.Single] = Text! };
            return new Message(Id, About ?? "", Segments, Gsm7, Placeholders ?? [], Quoted ?? [], variants);
        }
    }

    private sealed record PageEntry(
        [property: JsonRequired] string Id,
        string? About,
        List<string>? Placeholders,
        string? Text,
        Dictionary<string, string>? Variants)
    {
        public Message ToMessage(string source) => new Entry(Id, About, 0, false, Placeholders, null, Text, Variants)
            .ToMessage(source) with
        { OnPage = true };
    }
}
