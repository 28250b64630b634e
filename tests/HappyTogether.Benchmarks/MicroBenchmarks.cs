using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HappyTogether.Content.Recap;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;

namespace HappyTogether.Benchmarks;

/// <summary>The per-message CPU work: mood-word extraction, segment counting, recap composition.</summary>
[MemoryDiagnoser]
public class MicroBenchmarks
{
    private static readonly DateOnly Sunday = new(2027, 1, 10);
    private readonly MoodLexicon lexicon = MoodLexicon.Load();
    private readonly Nudges nudges = Nudges.Load();
    private readonly string shortReply = "Cooking together tonight, honestly so calm 😌";
    private readonly string longReply = string.Concat(Enumerable.Repeat("We walked the long way home and talked about everything. ", 30))[..1600];
    private readonly string gsm = new string('a', 159) + "!";
    private readonly string ucs2 = string.Concat(Enumerable.Repeat("Sam’s answer 😊 ", 8));
    private Couple couple = null!;
    private IReadOnlyList<AnswerRecord> answers = null!;

    [GlobalSetup]
    public void Setup()
    {
        couple = new Couple
        {
            Id = "bench",
            CreatedUtc = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
            TimeZone = "America/Chicago",
            A = new Partner { Key = "a", Name = "Ana", Phone = "+13125550181", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
            B = new Partner { Key = "b", Name = "Sam", Phone = "+13125550182", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
        };
        var moods = new[] { "calm", "happy", "tired", "grateful", "stressed", "content", "excited" };
        answers = Enumerable.Range(0, 28).SelectMany(day => new[] { "a", "b" }.Select(p =>
            new AnswerRecord(Sunday.AddDays(-day), p, "text") { Mood = moods[(day + (p == "a" ? 0 : 3)) % moods.Length], MoodRecognized = true, MessageSid = $"{day}{p}" })).ToList();
    }

    [Benchmark]
    public MoodWord? MoodWordShortReply() => lexicon.Extract(shortReply);

    [Benchmark]
    public MoodWord? MoodWordLongReply() => lexicon.Extract(longReply);

    [Benchmark]
    public int SegmentsGsm7() => Gsm7.Segments(gsm);

    [Benchmark]
    public int SegmentsUcs2() => Gsm7.Segments(ucs2);

    [Benchmark]
    public string RecapComposition()
    {
        var recap = WeeklyRecap.Compute(couple, Sunday, answers, [], Answers.Streak(answers, Sunday), lexicon, nudges);
        return RecapText.Render(couple, recap, "a", nudges, "https://example.org/help");
    }

    /// <summary>Runs the benchmarks with a short job (a dry one, once each, when quick); BenchmarkDotNet prints its
    /// table and writes JSON.</summary>
    public static void Run(string outDir, bool quick = false)
    {
        // Quick: once each, in this process (no separate build), in whatever configuration this was built in.
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(quick ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance) : Job.ShortRun)
            .WithOptions(quick ? ConfigOptions.DisableOptimizationsValidator : ConfigOptions.Default)
            .AddExporter(JsonExporter.Full)
            .WithArtifactsPath(Path.Combine(outDir, "micro"));
        BenchmarkRunner.Run<MicroBenchmarks>(config);
    }
}
