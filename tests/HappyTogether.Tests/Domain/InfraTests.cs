using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Storage;
using HappyTogether.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace HappyTogether.Tests.Domain;

/// <summary>infra/main.bicep builds and lints clean, and sets exactly the settings the code reads.</summary>
public class InfraTests
{
    internal static readonly string Root = Metadata("RepositoryRoot");
    private static readonly string MainBicep = Path.Combine(Root, "infra", "main.bicep");

    /// <summary>Settings the Functions host reads itself (not the app's code) that the template sets.</summary>
    private static readonly string[] HostSettings =
        ["AzureWebJobsStorage__blobServiceUri", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    internal static string Metadata(string key) =>
        typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    internal static (int Exit, string Output) Bicep(params string[] args)
    {
        var cli = Metadata("BicepCli");
        Assert.True(File.Exists(cli), $"The Bicep CLI is missing at {cli}; it comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (dotnet restore).");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(cli, File.GetUnixFileMode(cli) | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "bicep did not finish");
        return (process.ExitCode, output.Result + error.Result);
    }

    internal static JsonElement Compiled()
    {
        var (exit, output) = Bicep("build", MainBicep, "--stdout");
        Assert.Equal(0, exit);
        return JsonDocument.Parse(output).RootElement;
    }

    /// <summary>Every resource in the compiled template, nested module templates included.</summary>
    internal static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        var list = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
        foreach (var resource in list)
        {
            yield return resource;
            if (resource.TryGetProperty("properties", out var props) && props.TryGetProperty("template", out var nested))
                foreach (var inner in Resources(nested)) yield return inner;
        }
    }

    [Fact]
    public void Bicep_build_and_lint_report_nothing()
    {
        var (buildExit, buildOutput) = Bicep("build", MainBicep, "--stdout");
        Assert.Equal(0, buildExit);
        Assert.DoesNotContain("Warning", buildOutput);
        var (lintExit, lintOutput) = Bicep("lint", MainBicep);
        Assert.Equal(0, lintExit);
        Assert.Equal("", lintOutput.Trim());
    }

    [Fact]
    public void The_template_sets_every_setting_the_code_reads_and_nothing_else()
    {
        var settings = Resources(Compiled())
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config")
            .GetProperty("properties").EnumerateObject().Select(p => p.Name).Except(HostSettings).Order().ToList();

        var options = typeof(HappyTogetherOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name);
        var triggers = typeof(SchedulerTimer).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .SelectMany(p => p.GetCustomAttributes())
            .SelectMany(a => a switch
            {
                TimerTriggerAttribute timer => [timer.Schedule],
                QueueTriggerAttribute queue => [queue.QueueName],
                _ => Array.Empty<string>(),
            })
            .Where(s => s.StartsWith('%')).Select(s => s.Trim('%'));
        var storage = StorageConnection.IdentityKeys.Select(k => $"{StorageConnection.Setting}__{k}");
        var read = options.Concat(triggers).Concat(storage).Distinct().Order().ToList();

        Assert.Equal(read, settings);
    }

    [Fact]
    public void The_template_is_secure_by_default()
    {
        var resources = Resources(Compiled()).ToList();
        string Type(JsonElement r) => r.GetProperty("type").GetString()!;
        var site = resources.Single(r => Type(r) == "Microsoft.Web/sites").GetProperty("properties");
        Assert.True(site.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", site.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", site.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
        Assert.Equal("dotnet-isolated", site.GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", site.GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("version").GetString());
        var storage = resources.Single(r => Type(r) == "Microsoft.Storage/storageAccounts" && r.TryGetProperty("sku", out _)).GetProperty("properties");
        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());
        Assert.True(resources.Single(r => Type(r) == "Microsoft.KeyVault/vaults" && r.TryGetProperty("location", out _)).GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(resources.Single(r => Type(r) == "Microsoft.Insights/components" && r.TryGetProperty("location", out _)).GetProperty("properties").GetProperty("DisableLocalAuth").GetBoolean());
        var template = File.ReadAllText(Path.Combine(Root, "infra", "modules", "roles.bicep"));
        foreach (var role in new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "3913510d-42f4-4e42-8a64-420c390055eb", "4633458b-17de-408a-b874-0445c86b69e6" })
            Assert.Contains(role, template);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", File.ReadAllText(Path.Combine(Root, "infra", "modules", "functionapp.bicep")));
    }

    /// <summary>Both identity forms the host accepts: the service URIs, or the account name alone.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Identity_based_settings_reach_tables_and_queues_with_the_managed_identity(bool accountName)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        };
        if (accountName) settings["AzureWebJobsStorage:accountName"] = "sthappy";
        else
        {
            settings["AzureWebJobsStorage:tableServiceUri"] = "https://sthappy.table.core.windows.net/";
            settings["AzureWebJobsStorage:queueServiceUri"] = "https://sthappy.queue.core.windows.net/";
        }
        var connection = StorageConnection.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.Equal(new Uri("https://sthappy.table.core.windows.net/"), connection.Tables(new TableClientOptions()).Uri);
        Assert.Equal(new Uri("https://sthappy.queue.core.windows.net/"), connection.Queues(new QueueClientOptions()).Uri);
    }

    [Fact]
    public void The_development_connection_string_reaches_azurite_and_no_setting_is_refused()
    {
        var local = StorageConnection.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build());
        Assert.Null(local.Credential);
        Assert.Equal(10002, local.Tables(new TableClientOptions()).Uri.Port);
        Assert.Throws<InvalidOperationException>(() => StorageConnection.From(new ConfigurationBuilder().Build()));
    }
}
