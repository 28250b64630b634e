using System.Reflection;
using HappyTogether.Foundation.Moods;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Domain.Moods;

/// <summary>
/// The mood reader against replies labeled with the mood a person would read (mood-eval.tsv), and
/// against a held-out set written separately by someone who never saw the reader (mood-heldout.tsv).
/// A reading counts as right when it is one of the labeled words (or none for "-"); a reading is
/// opposite when its pleasantness has the other sign than the label's.
/// </summary>
public class MoodEvaluationTests(ITestOutputHelper output)
{
    private static readonly MoodLexicon Lexicon = MoodLexicon.Load();

    private static readonly string Folder = Path.Combine(
        typeof(MoodEvaluationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "tests", "HappyTogether.Tests", "Domain", "Moods");

    private sealed record Labeled(string Category, string[] Expected, string Text);

    private sealed record Score(int Right, int Total, IReadOnlyList<string> Wrong, IReadOnlyList<string> Opposite)
    {
        public double Accuracy => (double)Right / Total;
    }

    /// <summary>
    /// The evaluation set must reach 95%. The held-out set measures how the reader does on replies
    /// nobody tuned it for (86.5% when first read, 92.2% after one round of missing everyday words; see
    /// docs/BENCHMARKS.md); its floor only catches a regression.
    /// Neither may hold a single reply read as the opposite of what it says.
    /// </summary>
    [Theory]
    [InlineData("mood-eval.tsv", 300, 0.95)]
    [InlineData("mood-heldout.tsv", 150, 0.85)]
    public void The_reader_agrees_with_people_and_never_reads_the_opposite(string file, int atLeast, double floor)
    {
        var set = Read(file);
        Assert.True(set.Count >= atLeast, $"{file} has {set.Count} replies");
        var score = Evaluate(set);
        output.WriteLine($"{file}: {score.Right}/{score.Total} = {score.Accuracy:P1}, {score.Opposite.Count} opposite");
        foreach (var category in set.GroupBy(l => l.Category).OrderBy(g => g.Key))
            output.WriteLine($"  {category.Key}: {Evaluate([.. category]).Right}/{category.Count()}");
        foreach (var wrong in score.Wrong) output.WriteLine("  wrong: " + wrong);

        Assert.True(score.Opposite.Count == 0, $"Read as the opposite:\n{string.Join('\n', score.Opposite)}");
        Assert.True(score.Accuracy >= floor, $"{file}: accuracy {score.Accuracy:P1} is below {floor:P0}:\n{string.Join('\n', score.Wrong)}");
    }

    [Fact]
    public void The_sets_cover_every_kind_of_reply_and_use_only_lexicon_words()
    {
        var set = Read("mood-eval.tsv");
        string[] kinds = ["answer+mood", "mood-only", "negation", "emoji-only", "emoticon", "typo", "spanish", "mixed-language", "long", "keyword-lookalike"];
        foreach (var kind in kinds)
            Assert.True(set.Count(l => l.Category == kind) >= 10, $"only {set.Count(l => l.Category == kind)} '{kind}' replies");
        Assert.True(set.Count(l => l.Category == "long" && l.Text.Length > 160) >= 10);
        foreach (var labeled in set.Concat(Read("mood-heldout.tsv")))
            foreach (var word in labeled.Expected.Where(w => w != "-"))
                Assert.True(Lexicon.TryGet(word, out _), $"'{labeled.Text}' is labeled '{word}', which is not a lexicon word");
    }

    private static Score Evaluate(IReadOnlyList<Labeled> set)
    {
        var wrong = new List<string>();
        var opposite = new List<string>();
        foreach (var (category, expected, text) in set)
        {
            var read = Lexicon.Extract(text)?.Word ?? "-";
            if (expected.Contains(read)) continue;
            var line = $"[{category}] '{text}': read {read}, expected {string.Join('|', expected)}";
            wrong.Add(line);
            if (read != "-" && expected[0] != "-" && Lexicon.TryGet(read, out var got) && Lexicon.TryGet(expected[0], out var want)
                && Math.Sign(got.Pleasantness) != Math.Sign(want.Pleasantness))
                opposite.Add(line);
        }
        return new Score(set.Count - wrong.Count, set.Count, wrong, opposite);
    }

    private static List<Labeled> Read(string file) =>
        File.ReadLines(Path.Combine(Folder, file)).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(p => new Labeled(p[0], p[1].Split('|'), p[2]))
            .ToList();
}
