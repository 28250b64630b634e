using HappyTogether.Foundation.Settings;
namespace HappyTogether.LocalHost.Hosting;

/// <summary>
/// With Twilio sending configured the host texts real phones and is reached from outside (Twilio's
/// webhooks come through a tunnel): no simulator or demo, and no development secrets.
/// </summary>
public static class LiveTwilioChecks
{
    /// <summary>Shortest admin key accepted while the admin API may be reachable through a tunnel.</summary>
    public const int MinAdminKeyLength = 16;

    // Twilio's own samples write this placeholder where the token goes.
    private static readonly string[] SampleTokens = [LocalSettings.Defaults["TwilioAuthToken"]!, "your_auth_token"];

    /// <summary>Why these arguments and settings may not run together, one line each; none when Twilio is not
    /// configured.</summary>
    public static IEnumerable<string> Problems(HostArguments arguments, IConfiguration configuration)
    {
        var options = configuration.Get<HappyTogetherOptions>() ?? new HappyTogetherOptions();
        if (!options.TwilioConfigured) yield break;
        // /dev/sms signs whatever it is given with the auth token, so anyone reaching it could forge webhooks.
        if (arguments.Simulator)
            yield return "--dev-clock and --simulator serve /dev, which signs any text with TwilioAuthToken, and Twilio sending is configured: drop the flag, or unset TwilioAccountSid to use the outbox.";
        if (arguments.Demo)
            yield return "--demo enrolls a made-up couple, whose texts would go through Twilio: drop --demo, or unset TwilioAccountSid to use the outbox.";
        var key = configuration[LocalSettings.AdminKeySetting] ?? "";
        if (key == LocalSettings.Defaults[LocalSettings.AdminKeySetting] || key.Length < MinAdminKeyLength)
            yield return $"{LocalSettings.AdminKeySetting} is the development default or shorter than {MinAdminKeyLength} characters, and Twilio sending is configured: set {LocalSettings.AdminKeySetting} to a long random secret of your own (e.g. openssl rand -hex 24).";
        if (SampleTokens.Contains(options.TwilioAuthToken, StringComparer.OrdinalIgnoreCase))
            yield return "TwilioAuthToken is a development or sample value, and Twilio sending is configured: set TwilioAuthToken to your account's auth token.";
    }
}
