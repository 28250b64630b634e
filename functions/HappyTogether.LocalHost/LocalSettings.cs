using System.Text.Json;

namespace HappyTogether.LocalHost;

/// <summary>
/// The function app's settings for a local run: the Values of local.settings.json (as Core Tools
/// reads them), then environment variables, then the command line; development defaults fill the
/// gaps so the host runs on a fresh clone.
/// </summary>
public static class LocalSettings
{
    /// <summary>Setting with the key admin routes require here (Functions uses its host keys instead).</summary>
    public const string AdminKeySetting = "AdminKey";

    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["SchedulerSchedule"] = "0 */5 * * * *",
        ["SweepSchedule"] = "0 0 4 * * *",
        ["TwilioAuthToken"] = "local-development-token",
        [AdminKeySetting] = "local-admin-key",
    };

    public static void Add(ConfigurationManager configuration, string[] args)
    {
        var values = new Dictionary<string, string?>(Defaults);
        var file = Path.Combine(AppContext.BaseDirectory, "local.settings.json");
        foreach (var candidate in new[] { "local.settings.json", "functions/HappyTogether.Functions/local.settings.json", "../HappyTogether.Functions/local.settings.json", file })
        {
            if (!File.Exists(candidate)) continue;
            using var json = JsonDocument.Parse(File.ReadAllText(candidate));
            if (json.RootElement.TryGetProperty("Values", out var settings))
            {
                foreach (var setting in settings.EnumerateObject())
                {
                    // Empty values in the sample mean "not set": keep the development default.
                    if (setting.Value.GetString() is { Length: > 0 } value) values[setting.Name] = value;
                }
            }
            break;
        }
        configuration.AddInMemoryCollection(values);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
