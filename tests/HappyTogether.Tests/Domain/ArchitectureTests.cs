using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using HappyTogether.Foundation.Settings;
using Xunit.Abstractions;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// The domain assembly's folders (namespaces HappyTogether.Layer.Folder) sit in six layers, bottom to
/// top: each folder uses only folders of its own layer or the layers below, and folders never reach
/// themselves through others. None reaches the Functions host. The root namespace is the composition
/// root (AddHappyTogether, start-up): it may use every folder, and no folder uses it.
/// </summary>
public partial class ArchitectureTests(ITestOutputHelper output)
{
    private const string Root = "(root)";

    /// <summary>The layers, bottom first, as the folder tree names them.</summary>
    private static readonly string[] Layers = ["Foundation", "Model", "Content", "Lifecycle", "Entry", "Pages"];

    private static readonly System.Reflection.Assembly DomainAssembly = typeof(HappyTogetherOptions).Assembly;
    private static readonly Architecture Domain = new ArchLoader().LoadAssemblies(DomainAssembly).Build();

    private static readonly string Sources = Path.Combine(
        typeof(ArchitectureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "functions", "HappyTogether");

    [Fact]
    public void Layers_depend_on_each_other_without_cycles() =>
        SliceRuleDefinition.Slices().Matching("HappyTogether.(*)").Should().BeFreeOfCycles().Check(Domain);

    /// <summary>The same between folders, over what the sources name too (a constant used across folders leaves no
    /// reference in the IL).</summary>
    [Fact]
    public void Domain_folders_name_each_other_without_cycles()
    {
        var uses = FolderDependencies();
        uses.Remove(Root);
        var cycles = uses.Keys.Where(folder => Reachable(uses, folder).Contains(folder)).Order(StringComparer.Ordinal).ToList();
        Assert.True(cycles.Count == 0, $"These folders reach themselves through others: {string.Join(", ", cycles)}.");
    }

    [Fact]
    public void Every_folder_sits_in_a_layer_and_uses_only_its_own_layer_or_those_below()
    {
        var uses = FolderDependencies();
        uses.Remove(Root);
        Assert.DoesNotContain(uses.Keys, f => Array.IndexOf(Layers, LayerOf(f)) < 0);
        var upward = uses.SelectMany(u => u.Value.Where(to => to == Root || Array.IndexOf(Layers, LayerOf(to)) > Array.IndexOf(Layers, LayerOf(u.Key)))
            .Select(to => $"{u.Key} -> {to}")).ToList();
        Assert.True(upward.Count == 0, $"These folders use a layer above their own: {string.Join(", ", upward)}.");
    }

    /// <summary>Each layer says what it holds in one line, beside the code (its README.md).</summary>
    [Fact]
    public void Every_layer_has_a_one_line_summary()
    {
        Assert.Equal(Layers.Order(StringComparer.Ordinal), Directory.EnumerateDirectories(Sources)
            .Select(Path.GetFileName).Where(d => d is not ("bin" or "obj")).Order(StringComparer.Ordinal));
        foreach (var layer in Layers)
        {
            var summary = File.ReadAllLines(Path.Combine(Sources, layer, "README.md")).Where(l => !string.IsNullOrWhiteSpace(l) && !l.StartsWith('#')).ToList();
            Assert.True(summary.Count == 1 && summary[0].Length <= 200, $"{layer}/README.md should hold one line under its heading.");
        }
    }

    [Fact]
    public void The_domain_uses_no_Azure_Functions_type() =>
        Types().Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Microsoft\.Azure\.Functions").Check(Domain);

    [Fact]
    public void The_domain_references_no_Azure_Functions_assembly() =>
        Assert.DoesNotContain(DomainAssembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.Azure.Functions", StringComparison.Ordinal));

    [Fact]
    public void Domain_folders_never_use_the_composition_root() =>
        Types().That().ResideInNamespaceMatching(@"^HappyTogether\.").Should()
            .NotDependOnAny(typeof(ServiceCollectionExtensions), typeof(StorageStartup)).Check(Domain);

    /// <summary>The settings class is a leaf: reading it pulls in no other folder.</summary>
    [Fact]
    public void The_settings_use_no_other_domain_folder() =>
        Assert.Empty(FolderDependencies()["Foundation.Settings"]);

    /// <summary>
    /// Export reads the couple's history, the couple, the prompts, the signed links and the page wording
    /// of the message catalog (and what those stand on); no other domain folder uses it: a top layer that
    /// only the function app calls.
    /// </summary>
    [Fact]
    public void Export_reads_only_the_folders_below_it_and_no_folder_uses_it()
    {
        var uses = FolderDependencies();
        string[] below = ["Foundation.Links", "Model.History", "Model.Couples", "Content.Prompts", "Foundation.Moods", "Model.Outbound",
            "Foundation.TimeZones", "Foundation.Storage", "Foundation.Text", "Foundation.Settings", "Foundation.Messages"];
        Assert.Empty(uses["Pages.Export"].Except(below));
        Assert.Empty(uses.Where(u => u.Key != Root && u.Value.Contains("Pages.Export")).Select(u => u.Key));
    }

    /// <summary>
    /// Signed links are a contract several folders share (the recap makes them; the week page and the
    /// export read them), so they use nothing but the settings and the text helpers. The week page is a
    /// top layer like the export: no folder uses it but the night page, which shares its answers to bad links.
    /// </summary>
    [Fact]
    public void Links_sit_below_the_folders_that_share_them_and_the_week_page_on_top()
    {
        var uses = FolderDependencies();
        Assert.Empty(uses["Foundation.Links"].Except(["Foundation.Text", "Foundation.Storage", "Foundation.Settings"]));
        string[] below = ["Foundation.Links", "Model.History", "Model.Couples", "Foundation.Moods", "Foundation.Storage", "Foundation.Text", "Foundation.Settings",
            "Foundation.Messages"];
        Assert.Empty(uses["Pages.WeekPage"].Except(below));
        // The night page answers a bad link exactly as the week page does, with the week page's own answers.
        Assert.Empty(uses.Where(u => u.Key is not (Root or "Pages.NightPage") && u.Value.Contains("Pages.WeekPage")).Select(u => u.Key));
        Assert.Empty(uses["Pages.NightPage"].Except([.. below, "Pages.WeekPage", "Content.Prompts"]));
        Assert.Empty(uses.Where(u => u.Key != Root && u.Value.Contains("Pages.NightPage")).Select(u => u.Key));
    }

    private static HashSet<string> Reachable(Dictionary<string, HashSet<string>> uses, string from)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var folder))
        {
            foreach (var next in uses.GetValueOrDefault(folder, []))
                if (seen.Add(next)) pending.Push(next);
        }
        return seen;
    }

    /// <summary>
    /// Prints each domain folder and the folders it uses, as a Markdown table (see it with
    /// dotnet test --filter ArchitectureTests --logger "console;verbosity=detailed").
    /// </summary>
    [Fact]
    public void Folder_dependencies_can_be_listed()
    {
        var uses = FolderDependencies();
        var table = new StringBuilder("| folder | uses |\n| --- | --- |\n");
        foreach (var (folder, used) in uses.OrderBy(u => u.Key, StringComparer.Ordinal))
            table.Append($"| {folder} | {(used.Count == 0 ? "-" : string.Join(", ", used.Order(StringComparer.Ordinal)))} |\n");
        output.WriteLine(table.ToString());
        Assert.Contains("Model.Couples", uses.Keys);
    }

    /// <summary>
    /// Which folders each folder uses: every type reference in the compiled assembly, plus what the
    /// sources name (using lines and qualified names), because constants such as TextKind.Reveal are
    /// copied into the IL and leave no reference there.
    /// </summary>
    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var uses = new Dictionary<string, HashSet<string>>();
        void Add(string from, string to)
        {
            var set = uses.TryGetValue(from, out var s) ? s : uses[from] = [];
            if (to != from) set.Add(to);
        }

        var domain = Domain.Types.Where(t => t.Namespace.FullName.StartsWith("HappyTogether", StringComparison.Ordinal)).ToHashSet();
        foreach (var type in domain)
        {
            Add(Folder(type.Namespace.FullName), Folder(type.Namespace.FullName));
            foreach (var target in type.Dependencies.Select(d => d.Target).Where(domain.Contains))
                Add(Folder(type.Namespace.FullName), Folder(target.Namespace.FullName));
        }

        var files = Directory.EnumerateFiles(Sources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Folder: Folder(NamespaceDeclaration().Match(File.ReadAllText(f)).Groups[1].Value), Code: LineComment().Replace(File.ReadAllText(f), "")))
            .ToList();
        var typesOf = files.GroupBy(f => f.Folder).ToDictionary(g => g.Key, g => g.SelectMany(f => TypeDeclaration().Matches(f.Code).Select(m => m.Groups[1].Value)).ToHashSet());
        foreach (var (folder, code) in files)
        {
            foreach (Match m in UsingLine().Matches(code)) Add(folder, m.Groups[1].Value);
            foreach (Match m in QualifiedName().Matches(code))
            {
                // Layer.Folder.Type, or Folder.Type naming a folder of the same layer.
                var parts = m.Groups[1].Value.Split('.');
                if (parts.Length > 2 && typesOf.TryGetValue($"{parts[0]}.{parts[1]}", out var types) && types.Contains(parts[2])) Add(folder, $"{parts[0]}.{parts[1]}");
                else if (typesOf.TryGetValue($"{LayerOf(folder)}.{parts[0]}", out types) && types.Contains(parts[1])) Add(folder, $"{LayerOf(folder)}.{parts[0]}");
            }
        }
        return uses;
    }

    /// <summary>The folder (Layer.Folder) a namespace belongs to; the root namespace holds the composition
    /// root.</summary>
    private static string Folder(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length > 2 ? $"{parts[1]}.{parts[2]}" : parts.Length > 1 ? parts[1] : Root;
    }

    private static string LayerOf(string folder) => folder.Split('.')[0];

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^using\s+(?:static\s+)?HappyTogether\.(\w+\.\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])(?:HappyTogether\.)?(\w+(?:\.\w+)+)")]
    private static partial Regex QualifiedName();
}
