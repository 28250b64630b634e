using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>
/// Checks every log line an app wrote during a test: no whole phone number (10 or more digits in a
/// row, with or without + and separators) and no message body the test texted in. Every
/// <see cref="TestApp"/> runs it when disposed, so it covers the whole suite; totals go to
/// artifacts/log-privacy.txt.
/// </summary>
public static partial class LogPrivacy
{
    /// <summary>Bodies shorter than this are keywords or single words, which log lines may legitimately name.</summary>
    private const int MinBodyLength = 8;

    private static readonly object Totals = new();
    private static long linesChecked;
    private static long bodiesChecked;
    private static int apps;

    // Ten or more digits, allowing the separators people and libraries put in phone numbers, not inside a
    // longer token such as a GUID. Lines are URL-decoded first, so a storage URL's %2B1312... reads as
    // +1312... and its %27 (a quote) does not run into the date after it.
    [GeneratedRegex(@"(?<![\w\-])\+?\(?\d(?:[\s\-().]{0,2}\d){9,14}(?![\w\-])")]
    private static partial Regex PhoneLike();

    public static void Check(IReadOnlyCollection<string> lines, IEnumerable<string> bodies)
    {
        var secrets = bodies.Select(b => b.Trim()).Where(b => b.Length >= MinBodyLength).Distinct().ToList();
        // An index of each body's opening characters, so 10,000 bodies against tens of thousands of lines stay cheap.
        var openings = secrets.GroupBy(b => b[..MinBodyLength]).ToDictionary(g => g.Key, g => g.ToList()).GetAlternateLookup<ReadOnlySpan<char>>();
        var leaks = new List<string>();
        foreach (var line in lines)
        {
            if (PhoneLike().Match(line.Contains('%') ? Uri.UnescapeDataString(line) : line) is { Success: true } phone)
                leaks.Add($"phone number {phone.Value[..Math.Min(4, phone.Value.Length)]}... in: {Shorten(line)}");
            var span = line.AsSpan();
            for (var i = 0; i + MinBodyLength <= span.Length; i++)
            {
                if (openings.TryGetValue(span.Slice(i, MinBodyLength), out var candidates) && candidates.Exists(b => line.AsSpan(i).StartsWith(b)))
                {
                    leaks.Add($"message body in: {Shorten(line)}");
                    break;
                }
            }
        }
        lock (Totals)
        {
            linesChecked += lines.Count;
            bodiesChecked += secrets.Count;
            apps++;
            var root = typeof(LogPrivacy).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
            Directory.CreateDirectory(Path.Combine(root, "artifacts"));
            File.WriteAllText(Path.Combine(root, "artifacts", "log-privacy.txt"),
                $"{linesChecked} log lines from {apps} test apps checked against {bodiesChecked} texted bodies and for whole phone numbers; leaks fail the test that wrote them.\n");
        }
        Assert.True(leaks.Count == 0, $"Personal data in the logs ({leaks.Count} lines):\n" + string.Join("\n", leaks.Take(10)));
    }

    private static string Shorten(string line) => line.Length <= 160 ? line : line[..160] + "...";
}

/// <summary>The bodies a test texted into one app, for <see cref="LogPrivacy"/>.</summary>
public sealed class TextedBodies
{
    private readonly ConcurrentQueue<string> bodies = new();

    public IEnumerable<string> All => bodies;

    public void Add(string? body)
    {
        if (!string.IsNullOrEmpty(body)) bodies.Enqueue(body);
    }
}
