using HappyTogether.Entry.Sending;
using HappyTogether.Pages.Operations;
using Twilio.Clients;

namespace HappyTogether.LocalHost.Operator;

/// <summary>
/// twilio-webhooks --app-url URL (--number +E164 | --messaging-service MG...) [--dry-run]: points Twilio
/// at a deployed app's /api/sms and /api/sms/status, with TwilioAccountSid and TwilioAuthToken from settings.
/// </summary>
public static class TwilioWebhooksCommand
{
    public const string Name = "twilio-webhooks";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var appUrl = Option("--app-url");
        var number = Option("--number");
        var service = Option("--messaging-service");
        var dryRun = args.Contains("--dry-run");
        if (appUrl is null || !Uri.TryCreate(appUrl.TrimEnd('/'), UriKind.Absolute, out var app) || (number is null) == (service is null))
        {
            output.WriteLine($"Usage: {Name} --app-url https://<app>.azurewebsites.net (--number +15551234567 | --messaging-service MG...) [--dry-run]");
            return 2;
        }
        if (configuration["TwilioAccountSid"] is not { Length: > 0 } sid || configuration["TwilioAuthToken"] is not { Length: > 0 } token)
        {
            output.WriteLine("Set TwilioAccountSid and TwilioAuthToken (environment or local.settings.json).");
            return 2;
        }

        var webhooks = new TwilioWebhooks(new TwilioRestClient(sid, token));
        // Twilio retries a webhook on a 5xx only when the URL's connection overrides ask for it; the
        // app answers 503 while storage is down and handles the retry once (by MessageSid).
        var sms = new Uri($"{app}/api/sms#rc=3&rp=ct,rt,5xx");
        var status = StatusCallback.Url(app.ToString(), null);
        var changes = number is not null
            ? await webhooks.PointNumberAsync(number, sms, dryRun)
            : await webhooks.PointMessagingServiceAsync(service!, sms, status, dryRun);
        output.WriteLine(dryRun ? "Dry run: nothing changed. Would set:" : "Done:");
        foreach (var change in changes) output.WriteLine($"  {change}");
        if (number is not null) output.WriteLine($"  (delivery statuses: the app asks for them at {status} on every message it sends)");
        return 0;
    }
}
