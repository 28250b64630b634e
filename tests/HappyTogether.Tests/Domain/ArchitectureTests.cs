using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Xunit.Abstractions;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// The domain assembly's folders (namespaces HappyTogether.X) form layers: dependencies between them
/// point one way, and none reaches the Functions host. The root namespace is the composition root
/// (AddHappyTogether, start-up) beside the settings, so it stays out of the layers: folders may read
/// the settings but never use the composition root.
/// </summary>
public partial class ArchitectureTests(ITestOutputHelper output)
{
    private const string Root = "(root)";
    private static readonly System.Reflection.Assembly DomainAssembly = typeof(HappyTogetherOptions).Assembly;
    private static readonly Architecture Domain = new ArchLoader().LoadAssemblies(DomainAssembly).Build();

    private static readonly string Sources = Path.Combine(
        typeof(ArchitectureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "functions", "HappyTogether");

    [Fact]
    public void Domain_folders_depend_on_each_other_without_cycles() =>
        SliceRuleDefinition.Slices().Matching("HappyTogether.(*)").Should().BeFreeOfCycles().Check(Domain);

    /// <summary>The same, over what the sources name too (a constant used across folders leaves no reference in the IL).</summary>
    [Fact]
    public void Domain_folders_name_each_other_without_cycles()
    {
        var uses = FolderDependencies();
        uses.Remove(Root);
        var cycles = uses.Keys.Where(folder => Reachable(uses, folder).Contains(folder)).Order(StringComparer.Ordinal).ToList();
        Assert.True(cycles.Count == 0, $"These folders reach themselves through others: {string.Join(", ", cycles)}.");
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

    /// <summary>The settings class is a leaf: reading it pulls in no folder.</summary>
    [Fact]
    public void The_settings_use_no_domain_folder() =>
        Types().That().Are(typeof(HappyTogetherOptions)).Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^HappyTogether\.").Check(Domain);

    /// <summary>
    /// Export reads the couple's history, the couple, the prompts and the signed links (and what those
    /// stand on); no other domain folder uses it: a top layer that only the function app calls.
    /// </summary>
    [Fact]
    public void Export_reads_only_the_folders_below_it_and_no_folder_uses_it()
    {
        var uses = FolderDependencies();
        string[] below = ["Links", "History", "Couples", "Prompts", "Moods", "Outbound", "TimeZones", "Storage", "Text", Root];
        Assert.Empty(uses["Export"].Except(below));
        Assert.Empty(uses.Where(u => u.Key != Root && u.Value.Contains("Export")).Select(u => u.Key));
    }

    /// <summary>
    /// Signed links are a contract several folders share (the recap makes them; the week page and the
    /// export read them), so they use nothing but the settings and the text helpers. The week page is a
    /// top layer like the export: no folder uses it.
    /// </summary>
    [Fact]
    public void Links_sit_below_the_folders_that_share_them_and_the_week_page_on_top()
    {
        var uses = FolderDependencies();
        Assert.Empty(uses["Links"].Except(["Text", "Storage", Root]));
        string[] below = ["Links", "History", "Couples", "Moods", "Storage", "Text", Root];
        Assert.Empty(uses["WeekPage"].Except(below));
        Assert.Empty(uses.Where(u => u.Key != Root && u.Value.Contains("WeekPage")).Select(u => u.Key));
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
        Assert.Contains("Couples", uses.Keys);
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
                if (typesOf.TryGetValue(m.Groups[1].Value, out var types) && types.Contains(m.Groups[2].Value)) Add(folder, m.Groups[1].Value);
            }
        }
        return uses;
    }

    /// <summary>The folder below HappyTogether a namespace belongs to; the root namespace holds the composition root and the settings.</summary>
    private static string Folder(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length > 1 ? parts[1] : Root;
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^using\s+(?:static\s+)?HappyTogether\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])(?:HappyTogether\.)?(\w+)\.(\w+)")]
    private static partial Regex QualifiedName();
}
