using System.Reflection;
using System.Text.Json;
using HappyTogether.Entry.Inbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// The keywords are data and their handlers are code: every keyword id in keywords.&lt;language&gt;.json
/// has a handler in the app's real services, and every handler's ids are in the data.
/// </summary>
public class KeywordHandlerTests
{
    private static readonly string Inbound = Path.Combine(
        typeof(KeywordHandlerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "functions", "HappyTogether", "Entry", "Inbound");

    /// <summary>The ids each language file lists, read from the files themselves.</summary>
    private static Dictionary<string, HashSet<string>> IdsByFile() =>
        Directory.EnumerateFiles(Inbound, "keywords.*.json").ToDictionary(file => Path.GetFileName(file), file =>
            JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("keywords").EnumerateArray()
                .Select(k => k.GetProperty("id").GetString()!).ToHashSet());

    [Fact]
    public async Task Every_keyword_in_the_data_has_a_handler_and_every_handler_a_keyword()
    {
        await using var app = await TestApp.StartAsync();
        var handled = app.Get<IEnumerable<IKeywordHandler>>().SelectMany(h => h.Handles.Select(use => use.Id)).ToHashSet();
        var files = IdsByFile();
        Assert.Contains("keywords.en.json", files.Keys);
        var inData = files.Values.SelectMany(ids => ids).ToHashSet();
        // What the app reads is these files.
        Assert.Equal(inData.Order(StringComparer.Ordinal), Keywords.Ids.Order(StringComparer.Ordinal));
        var unhandled = inData.Except(handled).Order(StringComparer.Ordinal).ToList();
        Assert.True(unhandled.Count == 0, $"No handler takes these keywords of the data: {string.Join(", ", unhandled)}.");
        var unknown = handled.Except(inData).Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0, $"Handlers take these ids, which no keywords file lists: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public async Task Each_keyword_goes_to_one_handler_in_each_consent_state_and_the_conversation_starts()
    {
        await using var app = await TestApp.StartAsync();
        var handlers = app.Get<IEnumerable<IKeywordHandler>>().ToList();
        Assert.NotEmpty(handlers);
        var twice = handlers.SelectMany(h => h.Handles.SelectMany(use => use.In.Select(state => (use.Id, state))))
            .GroupBy(route => route).Where(g => g.Count() > 1).Select(g => $"{g.Key.Id} ({g.Key.state})").ToList();
        Assert.True(twice.Count == 0, $"More than one handler takes: {string.Join(", ", twice)}.");
        Assert.All(handlers, h => Assert.All(h.Handles, use => Assert.NotEmpty(use.In)));
        Assert.NotNull(app.Get<Conversation>());
    }

    /// <summary>The constants code and tests name keywords by are ids of the data (a keyword's identity is its
    /// line).</summary>
    [Fact]
    public void Every_named_keyword_is_in_the_data()
    {
        var named = typeof(Keyword).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Where(id => id != Keyword.None).ToList();
        Assert.NotEmpty(named);
        Assert.All(named, id => Assert.Contains(id, Keywords.Ids));
        Assert.DoesNotContain(Keyword.None, Keywords.Ids);
    }
}
