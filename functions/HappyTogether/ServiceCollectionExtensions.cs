using Azure.Data.Tables;
using Azure.Storage.Queues;
using HappyTogether.Content.Occasions;
using HappyTogether.Content.Prompts;
using HappyTogether.Content.Recap;
using HappyTogether.Content.Reveals;
using HappyTogether.Content.Rituals;
using HappyTogether.Entry.Inbound;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Storage;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Erasure;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Model.Suppression;
using HappyTogether.Pages.Export;
using HappyTogether.Pages.NightPage;
using HappyTogether.Pages.Operations;
using HappyTogether.Pages.WeekPage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Http;

namespace HappyTogether;

/// <summary>The one registration used by the function app, the local host and the tests.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient the Twilio REST client sends through.</summary>
    public const string TwilioHttpClient = "twilio";

    public static IServiceCollection AddHappyTogether(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HappyTogetherOptions>().Bind(configuration)
            // Once real texts go out, opt-outs must be kept under a secret of their own (see NumberHashKey).
            .Validate(o => !o.TwilioConfigured || !string.IsNullOrWhiteSpace(o.NumberHashKey), "Set NumberHashKey (a long random secret of its own) before sending through Twilio.")
            // Real texts carry links to real couples' pages: never signed with the development key.
            .Validate(o => !o.TwilioConfigured || !string.IsNullOrWhiteSpace(o.LinkSigningKey), "Set LinkSigningKey (a long random secret of its own) before sending through Twilio.")
            .Validate(o => (o.CrisisLineElsewhere?.Trim().Length ?? 0) <= CareLines.MaxLineLength
                && (o.SafetyLineElsewhere?.Trim().Length ?? 0) <= CareLines.MaxLineLength,
                $"Keep CrisisLineElsewhere and SafetyLineElsewhere to {CareLines.MaxLineLength} characters, so care texts stay one text.")
            .Validate(o => (o.OperatorContact?.Trim().Length ?? 0) <= ReplyTexts.MaxContactLength, $"Keep OperatorContact to {ReplyTexts.MaxContactLength} characters, so HELP stays within two texts.")
            .Validate(o => (o.PublicBaseUrl?.Trim().TrimEnd('/').Length ?? 0) <= RecapText.MaxBaseUrlLength,
                $"Keep PublicBaseUrl to {RecapText.MaxBaseUrlLength} characters, so the weekly recap keeps both partners' words and its link within two texts.")
            .Validate(o => (o.PublicBaseUrl?.Trim().TrimEnd('/').Length ?? 0) + (o.CareResourceUrl?.Trim().Length ?? 0) <= RecapText.MaxLinkSettingsLength,
                $"Keep PublicBaseUrl and CareResourceUrl to {RecapText.MaxLinkSettingsLength} characters together, so the weekly recap with the care line and its links stays within three texts.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HappyTogetherOptions>, SecretSettingsCheck>();
        services.TryAddSingleton(TimeProvider.System);

        var storage = StorageConnection.From(configuration);
        // Client options are a seam: tests and benchmarks register their own to count storage requests.
        services.TryAddSingleton(new TableClientOptions());
        services.TryAddSingleton(new QueueClientOptions());
        services.AddSingleton(sp => storage.Tables(sp.GetRequiredService<TableClientOptions>()));
        services.AddSingleton(sp =>
        {
            var queueOptions = sp.GetRequiredService<QueueClientOptions>();
            // Base64, as the Functions queue trigger expects.
            queueOptions.MessageEncoding = QueueMessageEncoding.Base64;
            return storage.Queues(queueOptions);
        });
        services.AddSingleton(sp => new OutboundQueue(
            sp.GetRequiredService<QueueServiceClient>().GetQueueClient(sp.GetRequiredService<IOptions<HappyTogetherOptions>>().Value.OutboundQueue)));

        services.AddSingleton<Tables>();
        services.AddSingleton<CoupleStore>();
        services.AddSingleton<PendingCouples>();
        services.AddSingleton<InvitationIndex>();
        services.AddSingleton<Invitations>();
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<DueIndex>();
        services.AddSingleton<PhoneNumberReader>();
        services.AddSingleton<NumberHash>();
        services.AddSingleton<SignedLinks>();
        services.AddSingleton<PartnerExports>();
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<InvitationLimits>();
        services.AddSingleton<PairingCodes>();
        services.AddSingleton<UnacceptedSweep>();
        // Retention (issue 29): answers, notes and texts older than RetentionDays go with the daily sweep; a retention
        // shorter than the longest look-back would quietly thin what reads it, so start-up refuses it.
        services.AddSingleton<RetentionSweep>();
        services.AddOptions<HappyTogetherOptions>()
            .Validate(o => o.RetentionDays >= HappyTogetherOptions.MinRetentionDays,
                $"Set RetentionDays to {HappyTogetherOptions.MinRetentionDays} or more: the app reads that far back (unreachable days, recaps).");
        services.AddSingleton(_ => PromptCatalog.Load());
        services.AddSingleton<RotationLog>();
        services.AddSingleton<PromptRotation>();
        services.AddSingleton<Enrollment>();
        services.AddSingleton<CoupleViews>();
        services.AddSingleton<CoupleErasure>();
        services.AddSingleton<ConsentService>();
        services.AddSingleton<Scheduler>();
        services.AddSingleton<QueueWork>();
        services.AddSingleton<SchedulerHeartbeat>();
        services.AddSingleton<HealthCheck>();
        services.AddSingleton<OutboundSender>();
        services.AddSingleton<SmsRetry>();
        services.AddSingleton<PoisonedJobs>();
        services.AddSingleton<SendRateGuard>();
        services.AddSingleton<Answers>();
        services.AddSingleton(_ => MoodLexicon.Load());
        services.AddSingleton(_ => CareReading.Load());
        services.AddSingleton<CareLines>();
        services.AddSingleton<ZoneNames>();
        services.AddSingleton<SignUp>();
        services.AddSingleton<Strangers>();
        services.AddSingleton<Caring>();
        services.AddSingleton<FollowUps>();
        services.AddSingleton<Answering>();
        services.AddSingleton<Conversation>();
        services.AddSingleton<WebhookSignature>();
        services.AddSingleton<DeliveryReports>();
        services.AddSingleton<UnreachablePartners>();
        services.AddSingleton(_ => Nudges.Load());
        services.AddSingleton<RecapService>();
        services.AddSingleton<HeadsUps>();
        services.AddSingleton<RitualReminders>();
        services.AddSingleton(_ => HomeWords.Load());
        services.AddSingleton<HomeKeywords>();
        services.AddSingleton<LinkedPages>();
        services.AddSingleton<WeekPages>();
        services.AddSingleton<NightPages>();

        // Each kind of outbound text, which the sender looks up by TextKind.
        services.AddSingleton<IOutboundText>(sp => new OutgoingPrompt(Slot.Morning, sp.GetRequiredService<PromptRotation>(), sp.GetRequiredService<CoupleStore>()));
        services.AddSingleton<IOutboundText>(sp => new OutgoingPrompt(Slot.Evening, sp.GetRequiredService<PromptRotation>(), sp.GetRequiredService<CoupleStore>()));
        services.AddSingleton<IOutboundText, OutgoingRecap>();
        services.AddSingleton<IOutboundText, OutgoingReveal>();
        services.AddSingleton<IOutboundText, OutgoingReaction>();
        services.AddSingleton<IOutboundText, OutgoingYourTurn>();
        services.AddSingleton<IOutboundText, OutgoingInvitation>();
        services.AddSingleton<IOutboundText, OutgoingConfirmation>();
        services.AddSingleton<IOutboundText, OutgoingRevealsOff>();
        services.AddSingleton<IOutboundText, OutgoingCadenceChanged>();
        services.AddSingleton<IOutboundText, OutgoingHeadsUp>();
        services.AddSingleton<IOutboundText, OutgoingRitualReminder>();
        services.AddSingleton<IOutboundText, OutgoingEnded>();
        services.AddSingleton<IOutboundText, OutgoingPartnerUnreachable>();

        // Each family of keywords, which the conversation looks up by keyword id and consent state. Found
        // by type, so that a new keyword is its line in keywords.<language>.json and its handler's file.
        foreach (var handler in typeof(IKeywordHandler).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IKeywordHandler).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
            services.AddSingleton(typeof(IKeywordHandler), handler);

        services.AddHttpClient(TwilioHttpClient, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<ITwilioRestClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<HappyTogetherOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(TwilioHttpClient);
            // With an API key (SID and secret) the REST calls authenticate as the key, on the account; the auth token then
            // only checks webhook signatures.
            return o.TwilioApiKeyConfigured
                ? new TwilioRestClient(o.TwilioApiKeySid, o.TwilioApiKeySecret, accountSid: o.TwilioAccountSid, httpClient: new SystemNetHttpClient(http))
                : new TwilioRestClient(o.TwilioAccountSid, o.TwilioAuthToken, httpClient: new SystemNetHttpClient(http));
        });
        services.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<IOptions<HappyTogetherOptions>>().Value.TwilioConfigured
            ? ActivatorUtilities.CreateInstance<TwilioSmsSender>(sp)
            : ActivatorUtilities.CreateInstance<OutboxSmsSender>(sp));
        services.AddSingleton<IProviderMessages>(sp => sp.GetRequiredService<IOptions<HappyTogetherOptions>>().Value.TwilioConfigured
            ? ActivatorUtilities.CreateInstance<TwilioMessageDeletion>(sp)
            : new NoProviderMessages());

        services.AddHostedService<StorageStartup>();
        return services;
    }
}
