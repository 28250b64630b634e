using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using HappyTogether.Foundation.Messages;

namespace HappyTogether.Tests.Domain;

/// <summary>The message catalog as data: checked as it loads, rendered strictly, each message used by code.</summary>
public partial class MessageCatalogTests
{
    private static readonly MessageCatalog Catalog = MessageCatalog.For();

    private static MessageCatalog Parse(string messages, string language = "en", MessageCatalog? reference = null)
    {
        var json = $$"""{"language":"{{language}}","messages":[{{messages}}]}""";
        return MessageCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), language, reference);
    }

    /// <summary>A message's opening: its id and budget; each case adds the rest.</summary>
    private const string Hi = """{"id":"hi","segments":1,"gsm7":true""";

    private const string Greeting = Hi + ""","placeholders":["name"],"text":"Hi {name}!"}""";

    [Fact]
    public void The_shipped_catalog_loads_once_per_language()
    {
        Assert.Same(Catalog, MessageCatalog.For("en"));
        Assert.Equal("en", Catalog.Language);
        Assert.True(Catalog.All.Count > 50);
    }

    [Theory]
    [InlineData(Hi + ""","text":"Hi {name}!"}""", "uses {name}, which it does not declare")]
    [InlineData(Hi + ""","placeholders":["name"],"text":"Hi!"}""", "declares {name} but never uses it")]
    [InlineData(Hi + ""","text":"Hi {Name}!"}""", "brace outside a placeholder")]
    [InlineData(Hi + ""","text":"Hi { there"}""", "brace outside a placeholder")]
    [InlineData(Hi + ""","text":"Hi ❤️"}""", "outside the GSM-7 basic table")]
    [InlineData("""{"id":"hi","segments":0,"gsm7":true,"text":"Hi"}""", "at least one segment")]
    [InlineData(Hi + ""","text":"Hi","variants":{"a":"Hi"}}""", "either a text or variants")]
    [InlineData(Hi + ""","about":"nothing to say"}""", "either a text or variants")]
    [InlineData(Hi + ""","text":"   "}""", "is empty")]
    [InlineData("""{"id":"Hi There","segments":1,"gsm7":true,"text":"Hi"}""", "id that is not")]
    [InlineData(Hi + ""","variants":{"Loud":"HI"}}""", "variant named 'Loud'")]
    [InlineData(Hi + ""","placeholders":["a"],"quoted":["b"],"text":"{a}"}""", "quotes {b}, which it does not declare")]
    [InlineData(Hi + ""","placeholders":["a"],"quoted":["a"],"text":"{a}."}""", "quotes {a} before its end")]
    [InlineData(Greeting + "," + Greeting, "has message 'hi' twice")]
    [InlineData(Hi + ""","text":"Hi","segment":2}""", "not a valid catalog")]
    [InlineData("""{"id":"hi","segments":1,"text":"Hi"}""", "not a valid catalog")]
    public void A_catalog_that_does_not_hold_together_fails_to_load_saying_where(string messages, string why)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(messages));
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void A_translation_needs_every_message_with_the_same_variants_and_placeholders()
    {
        const string bye = """,{"id":"bye","segments":1,"gsm7":true,"text":"Adios"}""";
        var english = Parse(Greeting + bye.Replace("Adios", "Bye"));
        Assert.Contains("has no message 'bye'", Fails<InvalidDataException>(() => Parse(Greeting, "es", english)));
        var renamed = Hi + ""","placeholders":["nombre"],"text":"Hola {nombre}!"}""";
        Assert.Contains("differs from the default", Fails<InvalidDataException>(
            () => Parse(renamed + bye, "es", english)));
        // A translation may take more segments than the default: its budget is its own.
        var hola = Hi.Replace("1", "2") + ""","placeholders":["name"],"text":"Hola {name}!"}""";
        var spanish = Parse(hola + bye, "es", english);
        Assert.Equal("Hola Ana!", spanish.Render("hi", ("name", "Ana")));
        Assert.Contains("says its language is 'en'", Fails<InvalidDataException>(() => MessageCatalog.Parse(
            new MemoryStream(Encoding.UTF8.GetBytes("""{"language":"en","messages":[]}""")), "es")));
    }

    [Fact]
    public void Rendering_is_strict_about_ids_variants_and_placeholders()
    {
        var catalog = Parse(Greeting + """,{"id":"mood","segments":1,"gsm7":true,"placeholders":["word"]"""
            + ""","variants":{"some":"Got it: {word}.","none":"Got it."}}""");
        Assert.Equal("Hi Ana!", catalog.Render("hi", ("name", "Ana")));
        Assert.Equal("Got it.", catalog.RenderVariant("mood", "none"));
        Assert.Equal("Got it.", catalog.RenderVariant("mood", "none", ("word", "calm")));
        Assert.Contains("no message 'nope'", Fails<KeyNotFoundException>(() => catalog.Render("nope")));
        Assert.Contains("name one", Fails<KeyNotFoundException>(() => catalog.Render("mood")));
        Assert.Contains("no variant 'loud'", Fails<KeyNotFoundException>(() => catalog.RenderVariant("mood", "loud")));
        Assert.Contains("needs a value for {name}", Fails<ArgumentException>(() => catalog.Render("hi")));
        Assert.Contains("no placeholder {nme}", Fails<ArgumentException>(() => catalog.Render("hi", ("nme", "Ana"))));
        Assert.Contains("message catalog for 'xx'", Fails<InvalidOperationException>(() => MessageCatalog.For("xx")));
    }

    private static string Fails<T>(Func<object> render) where T : Exception => Assert.Throws<T>(render).Message;

    /// <summary>Pages keep their markup in code: a sentence of the catalog is text, and values come encoded.</summary>
    [Fact]
    public void Page_wording_is_text_without_markup_or_a_budget()
    {
        var page = Parse(Greeting, reference: null);
        Assert.Empty(page.Pages);
        var json = """{"language":"en","messages":[],"pages":[{"id":"page.hi","placeholders":["name"],"text":"Hi {name}"}]}""";
        var catalog = MessageCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "en");
        Assert.True(Assert.Single(catalog.Pages).OnPage);
        Assert.Empty(catalog.All);
        Assert.Equal("Hi <b>Ana</b>", catalog.Render("page.hi", ("name", "<b>Ana</b>")));
        var marked = json.Replace("Hi {name}", "<b>Hi</b> {name}");
        Assert.Contains("has markup", Fails<InvalidDataException>(
            () => MessageCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(marked)), "en")));
        Assert.All(Catalog.Pages, m => Assert.StartsWith("page.", m.Id));
    }

    /// <summary>A value is put in as written: braces in a name or an answer are not read as placeholders.</summary>
    [Fact]
    public void Values_are_not_read_again_as_wording()
    {
        Assert.Equal("Hi {name}!", Parse(Greeting).Render("hi", ("name", "{name}")));
    }

    /// <summary>Every message is used by some code, and every id the code renders is in the catalog.</summary>
    [Fact]
    public void The_code_and_the_catalog_name_the_same_messages()
    {
        var sources = string.Join(
            '\n', Directory.EnumerateFiles(Sources, "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        var literals = StringLiteral().Matches(sources).Select(m => m.Groups[1].Value).ToHashSet();
        var ids = Catalog.All.Concat(Catalog.Pages).Select(m => m.Id).ToHashSet();
        var unused = ids.Where(id => !literals.Contains(id)).ToList();
        Assert.True(unused.Count == 0, $"No code uses these messages: {string.Join(", ", unused)}.");
        var rendered = RenderCall().Matches(sources).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(rendered);
        var missing = rendered.Where(id => !ids.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"The code renders messages the catalog lacks: {string.Join(", ", missing)}.");
    }

    private static readonly string Sources = Path.Combine(
        typeof(MessageCatalogTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!,
        "functions", "HappyTogether");

    [GeneratedRegex("\"([a-z][a-z0-9.-]*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("""(?:Render|RenderVariant|WithContact)\(\s*"([^"]+)"\s*[,)]""")]
    private static partial Regex RenderCall();
}
