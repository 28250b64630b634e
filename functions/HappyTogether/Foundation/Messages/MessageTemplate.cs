using System.Text.RegularExpressions;

namespace HappyTogether.Foundation.Messages;

/// <summary>A piece of a wording: literal text, or a placeholder to fill.</summary>
internal readonly record struct Part(string Text, string? Placeholder);

/// <summary>Reads wordings into parts and checks a catalog's messages as they load.</summary>
internal static partial class MessageTemplate
{
    /// <summary>The wording as literal parts and placeholders ("Hi {name}!" is "Hi ", name, "!").</summary>
    /// <exception cref="FormatException">A brace that opens or closes no placeholder.</exception>
    public static Part[] Parse(string wording)
    {
        var parts = new List<Part>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(wording))
        {
            if (match.Index > at) parts.Add(Literal(wording[at..match.Index]));
            parts.Add(new Part("", match.Groups[1].Value));
            at = match.Index + match.Length;
        }
        if (at < wording.Length || parts.Count == 0) parts.Add(Literal(wording[at..]));
        return [.. parts];
    }

    private static Part Literal(string text) => text.IndexOfAny(['{', '}']) < 0 ? new Part(text, null)
        : throw new FormatException($"'{text}' has a brace outside a placeholder (write placeholders as {{name}}).");

    /// <summary>The message, when its wordings, placeholders and budget hold together.</summary>
    /// <exception cref="InvalidDataException">They do not; the message says where.</exception>
    public static Message Check(string source, Message message)
    {
        void Fail(string why) => throw new InvalidDataException($"{source}: message '{message.Id}' {why}.");

        if (!IdShape().IsMatch(message.Id)) Fail("has an id that is not lower-case words joined by dots or hyphens");
        if (!message.OnPage && message.Segments < 1) Fail("needs a budget of at least one segment");
        if (message.Variants.Count == 0) Fail("has no wording");
        if (message.HasVariants && message.Variants.Keys.FirstOrDefault(k => !NameShape().IsMatch(k)) is { } key)
            Fail($"has a variant named '{key}' (lower-case words joined by hyphens)");
        if (message.Placeholders.FirstOrDefault(p => !NameShape().IsMatch(p)) is { } odd)
            Fail($"declares an odd placeholder '{odd}'");
        if (message.Placeholders.Distinct().Count() != message.Placeholders.Count)
            Fail("declares a placeholder twice");
        if (message.Quoted.FirstOrDefault(q => !message.Placeholders.Contains(q)) is { } loose)
            Fail($"quotes {{{loose}}}, which it does not declare");

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (variant, wording) in message.Variants)
        {
            var name = variant == Message.Single ? "its text" : $"variant '{variant}'";
            Part[] parts = [];
            try
            {
                parts = Parse(wording);
            }
            catch (FormatException e)
            {
                Fail($"{name}: {e.Message}");
            }
            if (wording.Trim().Length == 0) Fail($"{name} is empty");
            foreach (var part in parts.Where(p => p.Placeholder is not null))
            {
                if (!message.Placeholders.Contains(part.Placeholder!))
                    Fail($"{name} uses {{{part.Placeholder}}}, which it does not declare");
                used.Add(part.Placeholder!);
            }
            // The composer trims a quoted partner's words to the budget, which only works at the end.
            var early = parts.SkipLast(1).Select(p => p.Placeholder)
                .FirstOrDefault(q => q is not null && message.Quoted.Contains(q));
            if (early is not null) Fail($"{name} quotes {{{early}}} before its end");
            // Accents GSM-7 lacks ("día") are fine: the catalog drops them when they would cost a segment.
            var wide = parts.Select(p => p.Text).FirstOrDefault(t => !HappyTogether.Foundation.Text.Gsm7.IsBasic(HappyTogether.Foundation.Text.Gsm7.WithoutAccents(t)));
            if (message.Gsm7 && wide is not null)
                Fail($"{name} has characters outside the GSM-7 basic table in '{wide}'");
            // Markup stays in the page's code, so a sentence can be reworded or translated without breaking it.
            if (message.OnPage && wording.IndexOfAny(['<', '>', '&']) >= 0) Fail($"{name} has markup (<, > or &)");
        }
        if (message.Placeholders.FirstOrDefault(p => !used.Contains(p)) is { } unused)
            Fail($"declares {{{unused}}} but never uses it");
        return message;
    }

    /// <summary>Checks that a translated catalog has the reference's messages, variants and placeholders.</summary>
    public static void Match(
        string source, Dictionary<string, Message> messages, Dictionary<string, Message> reference)
    {
        if (reference.Keys.FirstOrDefault(id => !messages.ContainsKey(id)) is { } missing)
            throw new InvalidDataException($"{source} has no message '{missing}'.");
        foreach (var message in messages.Values)
        {
            if (!reference.TryGetValue(message.Id, out var original))
                throw new InvalidDataException($"{source} has message '{message.Id}', which the default lacks.");
            if (!message.Variants.Keys.Order().SequenceEqual(original.Variants.Keys.Order())
                || !message.Placeholders.Order().SequenceEqual(original.Placeholders.Order())
                || !message.Quoted.Order().SequenceEqual(original.Quoted.Order()) || message.Gsm7 != original.Gsm7)
                throw new InvalidDataException(
                    $"{source}: message '{message.Id}' differs from the default in its variants or placeholders.");
        }
    }

    [GeneratedRegex(@"\{([a-z][a-z0-9-]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$")]
    private static partial Regex IdShape();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex NameShape();
}
