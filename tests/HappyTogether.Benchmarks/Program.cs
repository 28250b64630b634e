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
    Console.WriteLine($"{"measure",-44} {"value",12} {"unit",-10} {"floor",12}  ratio");
    foreach (var row in rows)
    {
        var ratio = row.Floor is { } f && f != 0 ? $"{row.Value / f:0.00}x" : "";
        Console.WriteLine($"{row.Measure,-44} {row.Value,12:0.###} {row.Unit,-10} {(row.Floor is { } fl ? fl.ToString("0.###") : ""),12}  {ratio}");
    }
    var file = Path.Combine(outDir, $"{scenario}.json");
    await File.WriteAllTextAsync(file, JsonSerializer.Serialize(rows, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    Console.WriteLine($"(written to {file})");
}

namespace HappyTogether.Benchmarks
{
    /// <summary>One measured figure beside the floor it is compared with.</summary>
    public sealed record Row(string Measure, double Value, string Unit, double? Floor = null);
}
