using System.Text.Json;
using HappyTogether.Benchmarks;

// Usage: HappyTogether.Benchmarks [scenario ...] [--couples N] [--out DIR]. Scenarios: fanout, webhook, webhook-http, recap, smscost, micro.
var outDir = "artifacts/benchmarks";
int? couples = null;
var scenarios = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--out") outDir = args[++i];
    else if (args[i] == "--couples") couples = int.Parse(args[++i]);
    else scenarios.Add(args[i]);
}
if (scenarios.Count == 0) scenarios.AddRange(["fanout", "webhook", "webhook-http", "recap", "smscost", "micro"]);

Directory.CreateDirectory(outDir);
var targets = new List<Row>();
foreach (var scenario in scenarios)
{
    if (scenario == "micro")
    {
        MicroBenchmarks.Run(outDir);
        continue;
    }
    IReadOnlyList<Row> rows = scenario switch
    {
        "fanout" => await FanOutScenario.RunAsync(couples: couples ?? 10_000),
        "webhook" => await WebhookScenario.RunAsync(requests: 1000),
        "webhook-http" => await WebhookHttpScenario.RunAsync(requests: 5000),
        "recap" => await RecapScenario.RunAsync(couples: couples ?? 1000),
        "smscost" => await SmsCostScenario.RunAsync(couples: couples ?? 100, weeks: 8),
        _ => throw new ArgumentException($"Unknown scenario '{scenario}'. Known: fanout, webhook, webhook-http, recap, smscost, micro."),
    };
    Console.WriteLine();
    Console.WriteLine($"== {scenario}");
    Console.WriteLine($"{"measure",-52} {"value",11} {"unit",-9} {"floor",10} {"ratio",7}  {"target",-14} met");
    foreach (var row in rows)
    {
        var met = row.Met switch { true => "yes", false => "NO", null => "" };
        Console.WriteLine($"{row.Measure,-52} {row.Value,11:0.###} {row.Unit,-9} {row.Floor?.ToString("0.###"),10} {(row.Ratio is { } r ? $"{r:0.00}x" : ""),7}  {row.Target,-14} {met}");
    }
    targets.AddRange(rows.Where(r => r.Met is not null));
    var file = Path.Combine(outDir, $"{scenario}.json");
    await File.WriteAllTextAsync(file, JsonSerializer.Serialize(rows, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    Console.WriteLine($"(written to {file})");
}
if (targets.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine($"Targets met: {targets.Count(t => t.Met == true)} of {targets.Count}.");
    foreach (var missed in targets.Where(t => t.Met == false)) Console.WriteLine($"  not met: {missed.Measure} = {missed.Value:0.###} (target {missed.Target})");
}

namespace HappyTogether.Benchmarks
{
    /// <summary>One measured figure beside the floor it is compared with and, where the issue sets one, its target.</summary>
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
