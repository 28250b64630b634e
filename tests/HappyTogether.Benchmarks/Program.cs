using System.Text.Json;
using HappyTogether.Benchmarks;

// Usage: HappyTogether.Benchmarks [scenario ...] [--couples N] [--instances N] [--quick] [--out DIR].
// Scenarios: fanout, webhook, webhook-http, recap, smscost, smscost-es (the same for a couple who lives in Spanish), evening (a model
// of one evening at a million couples, no Azurite), micro. --quick runs each at a small size
// (a smoke run of a couple of minutes: its figures are not comparable with a full run's).
var outDir = "artifacts/benchmarks";
int? couples = null;
int? instances = null;
var quick = false;
var scenarios = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--out") outDir = args[++i];
    else if (args[i] == "--couples") couples = int.Parse(args[++i]);
    else if (args[i] == "--instances") instances = int.Parse(args[++i]);
    else if (args[i] == "--quick") quick = true;
    else scenarios.Add(args[i]);
}
if (scenarios.Count == 0) scenarios.AddRange(["fanout", "webhook", "webhook-http", "recap", "smscost", "smscost-es", "evening", "micro"]);

Directory.CreateDirectory(outDir);
var run = RunInfo.Capture(quick);
Console.WriteLine($"commit {run.Commit}, {run.Cores} cores, {run.Os}, .NET {run.Runtime}{(quick ? ", quick" : "")}");
var targets = new List<Row>();
foreach (var scenario in scenarios)
{
    if (scenario == "micro")
    {
        MicroBenchmarks.Run(outDir, quick);
        continue;
    }
    // Each scenario's size and shape, written with its figures so runs can be compared.
    var settings = scenario switch
    {
        "fanout" => new Dictionary<string, object> { ["couples"] = couples ?? (quick ? 500 : 10_000), ["instances"] = instances ?? 2 },
        "webhook" => new Dictionary<string, object> { ["requests"] = quick ? 100 : 1000 },
        "webhook-http" => new Dictionary<string, object> { ["requests"] = quick ? 300 : 5000, ["concurrency"] = 16 },
        "recap" => new Dictionary<string, object> { ["couples"] = couples ?? (quick ? 50 : 1000) },
        "smscost" or "smscost-es" => new Dictionary<string, object> { ["couples"] = couples ?? (quick ? 10 : 100), ["weeks"] = quick ? 2 : 8 },
        "evening" => new Dictionary<string, object> { ["couples"] = couples ?? (quick ? 10_000 : 1_000_000) },
        _ => throw new ArgumentException($"Unknown scenario '{scenario}'. Known: fanout, webhook, webhook-http, recap, smscost, smscost-es, evening, micro."),
    };
    int Setting(string name) => (int)settings[name];
    IReadOnlyList<Row> rows = scenario switch
    {
        "fanout" => await FanOutScenario.RunAsync(couples: Setting("couples"), instances: Setting("instances")),
        "webhook" => await WebhookScenario.RunAsync(requests: Setting("requests")),
        "webhook-http" => await WebhookHttpScenario.RunAsync(requests: Setting("requests"), concurrency: Setting("concurrency")),
        "recap" => await RecapScenario.RunAsync(couples: Setting("couples")),
        "evening" => EveningScenario.Run(couples: Setting("couples")),
        "smscost-es" => await SmsCostScenario.RunAsync(couples: Setting("couples"), weeks: Setting("weeks"), language: HappyTogether.Foundation.Text.Languages.Spanish),
        _ => await SmsCostScenario.RunAsync(couples: Setting("couples"), weeks: Setting("weeks")),
    };
    Console.WriteLine();
    Console.WriteLine($"== {scenario} ({string.Join(", ", settings.Select(s => $"{s.Key} {s.Value}"))})");
    Console.WriteLine($"{"measure",-52} {"value",11} {"unit",-9} {"floor",10} {"ratio",7}  {"target",-14} met");
    foreach (var row in rows)
    {
        var met = row.Met switch { true => "yes", false => "NO", null => "" };
        Console.WriteLine($"{row.Measure,-52} {row.Value,11:0.###} {row.Unit,-9} {row.Floor?.ToString("0.###"),10} {(row.Ratio is { } r ? $"{r:0.00}x" : ""),7}  {row.Target,-14} {met}");
    }
    targets.AddRange(rows.Where(r => r.Met is not null));
    var file = Path.Combine(outDir, $"{scenario}.json");
    var result = new { Scenario = scenario, Run = run, Settings = settings, Rows = rows };
    await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    Console.WriteLine($"(written to {file})");
}
if (targets.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine($"Targets met: {targets.Count(t => t.Met == true)} of {targets.Count}{(quick ? " (quick run: sizes too small to judge targets)" : "")}.");
    foreach (var missed in targets.Where(t => t.Met == false)) Console.WriteLine($"  not met: {missed.Measure} = {missed.Value:0.###} (target {missed.Target})");
}

namespace HappyTogether.Benchmarks
{
    /// <summary>Where a run happened: the commit (marked "+dirty" with uncommitted changes), the machine and the
    /// runtime.</summary>
    public sealed record RunInfo(string Commit, int Cores, string Os, string Runtime, bool Quick, DateTimeOffset StartedUtc)
    {
        public static RunInfo Capture(bool quick) => new(
            CurrentCommit(), Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            Environment.Version.ToString(), quick, DateTimeOffset.UtcNow);

        private static string CurrentCommit()
        {
            var head = Git("rev-parse HEAD");
            if (head is null) return "unknown";
            return string.IsNullOrWhiteSpace(Git("status --porcelain --untracked-files=no")) ? head : head + "+dirty";
        }

        private static string? Git(string arguments)
        {
            try
            {
                using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var output = git.StandardOutput.ReadToEnd().Trim();
                git.WaitForExit();
                return git.ExitCode == 0 ? output : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No git on the machine: the run still counts, its commit is unknown.
                return null;
            }
        }
    }

    /// <summary>One measured figure beside the floor it is compared with and, where the issue sets one, its
    /// target.</summary>
    public sealed record Row(string Measure, double Value, string Unit, double? Floor = null, string? Target = null, bool? Met = null)
    {
        public double? Ratio => Floor is { } f && f != 0 ? Value / f : null;

        /// <summary>Target: at least <paramref name="share"/> of the floor (a rate).</summary>
        public Row AtLeastOfFloor(double share) => this with { Target = $">= {share:0.##}x floor", Met = Ratio >= share };

        /// <summary>Target: at most <paramref name="times"/> the floor (a cost).</summary>
        public Row AtMostTimesFloor(double times) => this with { Target = $"<= {times:0.##}x floor", Met = Ratio <= times };

        public Row AtMost(double limit) => this with { Target = $"<= {limit:0.##}", Met = Value <= limit };

        public Row Below(double limit) => this with { Target = $"< {limit:0.##}", Met = Value < limit };
    }
}
