using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// What the worker refuses to start on, through the same AddHappyTogether the worker's Program calls: a secret
/// setting that is still a literal Key Vault reference (its resolution lost the race with role propagation), a key
/// of the app's own that is short, or two secrets that are the same. The refusal names the setting, never its value.
/// </summary>
public sealed class StartupSafetyTests
{
    private const string HashKey = "number-hash-key-for-start-up-tests-0123";
    private const string LinkKey = "link-signing-key-for-start-up-tests-0123";
    private const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv-test.vault.azure.net/secrets/number-hash-key/)";

    private static async Task<string?> RefusalAsync(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["NumberHashKey"] = HashKey,
            ["LinkSigningKey"] = LinkKey,
            ["TwilioAuthToken"] = "twilio-auth-token-for-start-up-tests",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Services.AddHappyTogether(builder.Configuration);
        // Validation alone: the storage start-up is not what these tests are about.
        builder.Services.RemoveAll<IHostedService>();
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return e.Message;
        }
    }

    [Theory]
    [InlineData("NumberHashKey")]
    [InlineData("LinkSigningKey")]
    [InlineData("TwilioAuthToken")]
    public async Task A_secret_setting_holding_a_literal_Key_Vault_reference_refuses_the_start(string setting)
    {
        var refusal = await RefusalAsync((setting, Reference));
        Assert.NotNull(refusal);
        Assert.Contains(setting, refusal);
        Assert.Contains("Key Vault reference", refusal);
        Assert.DoesNotContain("kv-test", refusal);
    }

    [Fact]
    public async Task A_short_key_or_two_equal_secrets_refuse_the_start_and_good_ones_start()
    {
        Assert.Null(await RefusalAsync());
        Assert.Contains("NumberHashKey is shorter than 32", await RefusalAsync(("NumberHashKey", "short-secret")));
        var same = await RefusalAsync(("LinkSigningKey", HashKey));
        Assert.Contains("NumberHashKey and LinkSigningKey hold the same value", same);
        Assert.DoesNotContain(HashKey, same);
        Assert.Contains("the same value", await RefusalAsync(("TwilioAuthToken", LinkKey)));
        // Unset keys are the local default (development keys); only a key that is set is judged.
        Assert.Null(await RefusalAsync(("NumberHashKey", ""), ("LinkSigningKey", "")));
    }
}
