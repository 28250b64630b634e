using System.Reflection;
using HappyTogether.Foundation.Care;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Domain.Care;

/// <summary>
/// The care reader against replies labeled distress, safety or neither by four writers who never saw its phrases:
/// care-eval*.tsv, each measured blind once and then used to tune the phrases, and care-heldout.tsv, never used to
/// write them. Recall is what share of each label the reader finds; a false alarm is a look-alike ("this commute is
/// killing me") read as distress or safety. docs/CARE.md keeps every blind figure.
/// </summary>
public class CareEvaluationTests(ITestOutputHelper output)
{
    private static readonly CareReading Reader = CareReading.Load();

    private static readonly string Folder = Path.Combine(
        typeof(CareEvaluationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "tests", "HappyTogether.Tests", "Domain", "Care");

    private sealed record Labeled(CareSignal Label, string Language, bool LookAlike, string Text);

    /// <summary>
    /// The tuning sets must reach 95% recall on distress and on safety with at most 2% false alarms on look-alikes.
    /// The held-out set's floors only catch a regression (66.2% and 72.6% recall, 2.4% alarms when first read).
    /// </summary>
    [Theory]
    [InlineData("care-eval.tsv", 300, 0.95, 0.02)]
    [InlineData("care-eval-2.tsv", 200, 0.95, 0.02)]
    [InlineData("care-eval-3.tsv", 200, 0.95, 0.02)]
    [InlineData("care-heldout.tsv", 200, 0.60, 0.05)]
    public void The_reader_finds_distress_and_fear_and_leaves_look_alikes_alone(
        string file, int atLeast, double recallFloor, double falseAlarmCeiling)
    {
        var set = Read(file);
        Assert.True(set.Count >= atLeast, $"{file} has {set.Count} replies");
        var misses = new List<string>();
        foreach (var label in new[] { CareSignal.Distress, CareSignal.Safety })
        {
            var labeled = set.Where(l => l.Label == label).ToList();
            var found = labeled.Count(l => Reader.Read(l.Text) == label);
            var recall = (double)found / labeled.Count;
            output.WriteLine($"{file} {label}: recall {found}/{labeled.Count} = {recall:P1}");
            foreach (var language in labeled.GroupBy(l => l.Language))
                output.WriteLine($"  {language.Key}: {language.Count(l => Reader.Read(l.Text) == label)}/{language.Count()}");
            misses.AddRange(labeled.Where(l => Reader.Read(l.Text) != label)
                .Select(l => $"  missed {label}: '{l.Text}' read {Reader.Read(l.Text)}"));
            if (recall < recallFloor) misses.Insert(0, $"{file}: {label} recall {recall:P1} is below {recallFloor:P0}");
        }
        var lookAlikes = set.Where(l => l.Label == CareSignal.None && l.LookAlike).ToList();
        var alarms = set.Where(l => l.Label == CareSignal.None && Reader.Read(l.Text) != CareSignal.None).ToList();
        var lookAlikeAlarms = alarms.Count(l => l.LookAlike);
        var rate = (double)lookAlikeAlarms / lookAlikes.Count;
        output.WriteLine($"{file} false alarms on look-alikes: {lookAlikeAlarms}/{lookAlikes.Count} = {rate:P1}; "
            + $"on every neither reply: {alarms.Count}/{set.Count(l => l.Label == CareSignal.None)}");
        foreach (var alarm in alarms) output.WriteLine($"  alarm: '{alarm.Text}' read {Reader.Read(alarm.Text)}");
        foreach (var miss in misses) output.WriteLine(miss);

        Assert.True(lookAlikes.Count >= 50, $"{file} has only {lookAlikes.Count} look-alikes");
        Assert.True(set.Count(l => l.Language == "es") >= 40, $"{file} has too little Spanish");
        Assert.True(rate <= falseAlarmCeiling, $"{file}: false alarms on look-alikes {rate:P1} exceed {falseAlarmCeiling:P0}");
        Assert.False(misses.Count > 0 && misses[0].StartsWith(file, StringComparison.Ordinal), string.Join('\n', misses));
    }

    [Theory]
    [InlineData("I'm scared of him", CareSignal.Safety)]
    [InlineData("hopeless", CareSignal.Distress)]
    [InlineData("Long day at work. hopeless", CareSignal.Distress)]
    [InlineData("Me da miedo mi esposo cuando toma", CareSignal.Safety)]
    [InlineData("ya no quiero vivir", CareSignal.Distress)]
    [InlineData("this commute is killing me", CareSignal.None)]
    [InlineData("I could die laughing at your joke. happy", CareSignal.None)]
    [InlineData("she beat me at chess again lol", CareSignal.None)]
    [InlineData("Alto el fuego en casa, tranquila", CareSignal.None)]
    [InlineData("hopelessly in love with you", CareSignal.None)]
    [InlineData("honestly I'm so tired of existing", CareSignal.Distress)]
    [InlineData("nobody would even notice if I were gone", CareSignal.Distress)]
    [InlineData("I've been saving up my sleeping pills", CareSignal.Distress)]
    [InlineData("gave away all my stuff this week", CareSignal.Distress)]
    [InlineData("life isn't worth living anymore", CareSignal.Distress)]
    [InlineData("estoy harta de vivir", CareSignal.Distress)]
    [InlineData("he estado guardando pastillas por si acaso", CareSignal.Distress)]
    [InlineData("me odio tanto que me lastimo los brazos", CareSignal.Distress)]
    [InlineData("he smashed my phone so I couldn't call anyone", CareSignal.Safety)]
    [InlineData("my ex keeps showing up at my work", CareSignal.Safety)]
    [InlineData("she said if I leave she'll kill herself", CareSignal.Safety)]
    [InlineData("he threatened to post my nudes", CareSignal.Safety)]
    [InlineData("she keeps hitting me but who would believe me lol", CareSignal.Safety)]
    [InlineData("me pone la mano encima cuando toma", CareSignal.Safety)]
    [InlineData("si lo dejo me va a matar", CareSignal.Safety)]
    [InlineData("that meeting made me want to die lol", CareSignal.None)]
    [InlineData("ran a half marathon, my legs want to die", CareSignal.None)]
    [InlineData("the cat won't let me leave the couch lol", CareSignal.None)]
    [InlineData("my wife is going to kill me when she sees the bill", CareSignal.None)]
    [InlineData("she smothered me with kisses", CareSignal.None)]
    [InlineData("she pushed me to apply for the job", CareSignal.None)]
    [InlineData("me muero de risa", CareSignal.None)]
    [InlineData("me corté el pelo hoy", CareSignal.None)]
    [InlineData("le tengo miedo a las arañas", CareSignal.None)]
    [InlineData("mi esposa me pega sus mañas jaja", CareSignal.None)]
    public void Reads_the_issue_s_examples(string text, CareSignal expected) => Assert.Equal(expected, Reader.Read(text));

    private static List<Labeled> Read(string file) =>
        File.ReadLines(Path.Combine(Folder, file)).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var cells = line.Split('\t');
            var label = cells[0] switch
            {
                "distress" => CareSignal.Distress,
                "safety" => CareSignal.Safety,
                "neither" => CareSignal.None,
                _ => throw new InvalidDataException($"{file}: unknown label '{cells[0]}'"),
            };
            return new Labeled(label, cells[1], cells[2] == "yes", cells[3]);
        }).ToList();
}
