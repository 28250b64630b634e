using Microsoft.Extensions.Options;

namespace HappyTogether.Foundation.Settings;

/// <summary>
/// The settings that hold secrets (Key Vault references in Azure), and the start-up rules for them: a reference
/// the platform could not resolve arrives as its literal text, and used as a key it would hash every opt-out under
/// the wrong secret or refuse every webhook, so the app refuses to start instead and the platform tries again.
/// </summary>
public static class SecretSettings
{
    /// <summary>How a Key Vault reference reads before App Service resolves it.</summary>
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    /// <summary>Fewest characters a key of the app's own may have (matches the template's @minLength).</summary>
    public const int MinKeyLength = 32;

    /// <summary>Every secret setting, by name.</summary>
    public static IReadOnlyList<(string Name, Func<HappyTogetherOptions, string?> Value)> All { get; } =
    [
        (nameof(HappyTogetherOptions.TwilioAuthToken), o => o.TwilioAuthToken),
        (nameof(HappyTogetherOptions.NumberHashKey), o => o.NumberHashKey),
        (nameof(HappyTogetherOptions.LinkSigningKey), o => o.LinkSigningKey),
        (nameof(HappyTogetherOptions.TwilioApiKeySecret), o => o.TwilioApiKeySecret),
    ];

    /// <summary>The app's own keys: each long, and none equal to another.</summary>
    private static readonly string[] OwnKeys = [nameof(HappyTogetherOptions.NumberHashKey), nameof(HappyTogetherOptions.LinkSigningKey)];

    /// <summary>Whether a value is a Key Vault reference the platform has not resolved.</summary>
    public static bool IsUnresolved(string? value) =>
        value?.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>What is wrong with the secret settings, or null when nothing is.</summary>
    public static string? Problem(HappyTogetherOptions options)
    {
        var set = All.Select(s => (s.Name, Value: s.Value(options))).Where(s => !string.IsNullOrEmpty(s.Value)).ToList();
        if (set.FirstOrDefault(s => IsUnresolved(s.Value)) is { Name: not null } unresolved)
            return $"{unresolved.Name} holds a Key Vault reference that was not resolved (the app's identity may not have its role yet); not starting until it is.";
        if (set.FirstOrDefault(s => OwnKeys.Contains(s.Name) && s.Value!.Trim().Length < MinKeyLength) is { Name: not null } shortKey)
            return $"{shortKey.Name} is shorter than {MinKeyLength} characters; use a long random secret (openssl rand -hex 32).";
        var repeated = set.GroupBy(s => s.Value, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? null : $"{string.Join(" and ", repeated.Select(s => s.Name))} hold the same value; each secret must be its own.";
    }
}

/// <summary>Refuses to start on a problem <see cref="SecretSettings.Problem"/> finds, naming the setting, never its
/// value.</summary>
public sealed class SecretSettingsCheck : IValidateOptions<HappyTogetherOptions>
{
    public ValidateOptionsResult Validate(string? name, HappyTogetherOptions options) =>
        SecretSettings.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
