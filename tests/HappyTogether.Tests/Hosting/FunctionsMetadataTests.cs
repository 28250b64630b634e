using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace HappyTogether.Tests.Hosting;

/// <summary>
/// The Functions project's build output is what the Functions host reads before it starts the worker: functions.metadata
/// (the functions and their triggers), worker.config.json (how to start the worker) and .azurefunctions (the host-side
/// binding extensions). It must agree with the code, with the pinned table and with the Bicep app settings.
/// </summary>
public partial class FunctionsMetadataTests
{
    private static IReadOnlyList<JsonElement> MetadataFunctions() =>
        BuildOutput.Json("functions.metadata").EnumerateArray().ToList();

    private static IReadOnlyList<HostFunction> FromMetadata() =>
        MetadataFunctions()
            .Select(f => HostFunction.FromBindings(f.GetProperty("name").GetString()!, f.GetProperty("bindings").EnumerateArray()))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Functions_metadata_lists_every_pinned_function_with_its_trigger()
    {
        HostFunction.AssertPinned(FromMetadata(), "functions.metadata");
    }

    [Fact]
    public void The_function_classes_declare_the_pinned_triggers()
    {
        HostFunction.AssertPinned(HostFunction.FromCode(), "the [Function] methods");
    }

    [Fact]
    public void Each_function_runs_from_the_worker_assembly_at_its_method()
    {
        var entryPoints = HostFunction.EntryPoints();
        foreach (var function in MetadataFunctions())
        {
            var name = function.GetProperty("name").GetString()!;
            Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
            Assert.Equal("HappyTogether.Functions.dll", function.GetProperty("scriptFile").GetString());
            Assert.Equal(entryPoints[name], function.GetProperty("entryPoint").GetString());
            // HTTP functions answer through the ASP.NET Core integration: one http output binding for the return value.
            var bindings = function.GetProperty("bindings").EnumerateArray().Select(b => (Type: b.GetProperty("type").GetString(), Direction: b.GetProperty("direction").GetString(), Name: b.GetProperty("name").GetString())).ToList();
            if (bindings.Any(b => b.Type == "httpTrigger"))
                Assert.Contains(("http", "Out", "$return"), bindings);
            else
                Assert.Single(bindings);
        }
        Assert.True(File.Exists(BuildOutput.PathOf("HappyTogether.Functions.dll")));
    }

    [Fact]
    public void Every_setting_a_binding_names_is_set_by_the_Bicep_template()
    {
        var settings = BicepAppSettings();
        foreach (var function in FromMetadata())
        {
            foreach (var setting in function.Settings())
                Assert.True(settings.Contains(setting), $"{function.Name} binds to %{setting}%, which infra/modules/functionapp.bicep does not set.");
            // The host resolves a connection from the setting itself or its identity-based AzureWebJobsStorage__* keys.
            if (function.Connection is { } connection)
                Assert.True(settings.Contains(connection) || settings.Any(s => s.StartsWith(connection + "__", StringComparison.Ordinal)), $"{function.Name} uses the connection {connection}, which the template does not set.");
        }
    }

    [Fact]
    public void The_urls_main_bicep_prints_are_anonymous_routes_and_the_webhooks_take_posts()
    {
        var main = File.ReadAllText(Path.Combine(BuildOutput.RepositoryRoot, "infra", "main.bicep"));
        var printed = AppUrlOutput().Matches(main).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["route"].Value);
        // The two URLs the operator gives Twilio.
        Assert.Equal(("sms", "sms/status"), (printed.GetValueOrDefault("SMS_WEBHOOK_URL"), printed.GetValueOrDefault("SMS_STATUS_CALLBACK_URL")));

        // The host serves HTTP functions under /api unless host.json changes the prefix.
        var hostJson = File.ReadAllText(Path.Combine(BuildOutput.RepositoryRoot, "host.json"));
        Assert.DoesNotContain("routePrefix", hostJson);
        var functions = FromMetadata();
        foreach (var (output, route) in printed)
        {
            var function = functions.SingleOrDefault(f => f.Route == route);
            Assert.True(function is not null, $"main.bicep's {output} points at /api/{route}, which no function serves.");
            // Whoever calls a printed URL (Twilio, an availability test) has no function key.
            Assert.True(function.AuthLevel == "Anonymous", $"{output}: {function}");
            // Twilio posts its form.
            if (output.StartsWith("SMS_", StringComparison.Ordinal)) Assert.Equal("post", function.Methods);
        }
    }

    [Fact]
    public void Worker_config_tells_the_host_to_start_the_worker_with_dotnet_and_to_ask_it_for_its_functions()
    {
        var description = BuildOutput.Json("worker.config.json").GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("HappyTogether.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
        Assert.Equal([".dll"], description.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
        // Worker indexing: the host takes the function list from the worker over gRPC (FunctionsMetadataRequest).
        Assert.Equal("true", description.GetProperty("workerIndexing").GetString());
        Assert.True(description.GetProperty("canUsePlaceholder").GetBoolean());
        Assert.True(File.Exists(BuildOutput.PathOf(description.GetProperty("defaultWorkerPath").GetString()!)));
    }

    [Fact]
    public void The_host_side_extensions_are_pinned()
    {
        // The host loads these startup types; the timer and HTTP bindings are built into the host itself.
        var extensions = BuildOutput.Json("extensions.json").GetProperty("extensions").EnumerateArray()
            .Select(e => (Name: e.GetProperty("name").GetString(), Type: e.GetProperty("typeName").GetString(), Hint: e.GetProperty("hintPath").GetString()!))
            .ToList();
        Assert.Equal(
            [
                ("AzureStorageQueues", "Microsoft.Azure.WebJobs.Extensions.Storage.AzureStorageQueuesWebJobsStartup, Microsoft.Azure.WebJobs.Extensions.Storage.Queues, Version=5.3.10.0, Culture=neutral, PublicKeyToken=92742159e12e44c8"),
                ("Startup", "Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader.Startup, Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader, Version=1.0.0.0, Culture=neutral, PublicKeyToken=551316b6919f366c"),
            ],
            extensions.Select(e => (e.Name, e.Type)));
        foreach (var extension in extensions)
            Assert.True(File.Exists(BuildOutput.PathOf(extension.Hint)), $"{extension.Name}'s assembly is missing at {extension.Hint}.");

        // The versions the host will run, as the generated extensions project resolved them.
        var libraries = BuildOutput.Json(".azurefunctions", "function.deps.json").GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToHashSet();
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.Storage.Queues/5.3.10", libraries);
        Assert.Contains("Microsoft.Azure.WebJobs/3.0.44", libraries);
        Assert.Contains("Microsoft.Azure.WebJobs.Host.Storage/3.0.14", libraries);
        Assert.Contains("Microsoft.NET.Sdk.Functions/4.6.0", libraries);

        // The worker's queue extension asks the host for 5.3.8; this machine's package feed has no 5.3.8 and NuGet takes the
        // next version up, 5.3.10 (warning NU1603, which Directory.Build.props lets through). The public feed gives 5.3.8:
        // when the two differ again, this fails and someone looks.
        var requested = typeof(Microsoft.Azure.Functions.Worker.QueueTriggerAttribute).Assembly.GetCustomAttribute<ExtensionInformationAttribute>()!;
        Assert.Equal(("Microsoft.Azure.WebJobs.Extensions.Storage.Queues", "5.3.8"), (requested.ExtensionPackage, requested.ExtensionVersion));
    }

    /// <summary>The setting names of the function app's appsettings resource, from the compiled module.</summary>
    private static HashSet<string> BicepAppSettings()
    {
        var cli = BuildOutput.Metadata("BicepCli");
        Assert.True(File.Exists(cli), $"The Bicep CLI is missing at {cli}; it comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (dotnet restore).");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(cli, File.GetUnixFileMode(cli) | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", Path.Combine(BuildOutput.RepositoryRoot, "infra", "modules", "functionapp.bicep"), "--stdout" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "bicep did not finish");
        Assert.True(process.ExitCode == 0, error.Result);
        var resources = JsonDocument.Parse(output.Result).RootElement.GetProperty("resources");
        var list = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
        return list.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config")
            .GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
    }

    /// <summary>An output of main.bicep that prints a URL of the app: '${functionApp.outputs.url}/api/{route}'.</summary>
    [GeneratedRegex(@"^output (?<name>\w+) string = '\$\{functionApp\.outputs\.url\}/api/(?<route>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex AppUrlOutput();
}
