using Azure.Data.Tables;
using Azure.Storage.Queues;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Storage;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>
/// The app's real services (AddHappyTogether) on Azurite, with its own table prefix and queue,
/// a fake clock, and optionally the fake Twilio API. Disposing deletes the tables and the queue.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(ServiceProvider services, FakeTimeProvider clock, StorageRequestCounter counter, StorageFaults faults, CapturedLogs logs)
    {
        Services = services;
        Clock = clock;
        StorageRequests = counter;
        StorageFaults = faults;
        Logs = logs;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public StorageRequestCounter StorageRequests { get; }
    public StorageFaults StorageFaults { get; }
    public CapturedLogs Logs { get; }

    /// <summary>What partners texted in through <see cref="Sms"/>: checked against the logs on dispose.</summary>
    public TextedBodies Texted { get; } = new();

    public Tables Tables => Get<Tables>();
    public QueueClient Queue => Get<OutboundQueue>().Client;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A function class, built the way the Functions host builds it.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public static async Task<TestApp> StartAsync(
        DateTimeOffset? now = null,
        FakeTwilioApi? twilio = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["DefaultPhoneRegion"] = "US",
            ["DefaultTimeZone"] = "America/Chicago",
            ["SendRetryDelay"] = "00:00:00",
            ["SendRatePerSecond"] = "100000",
            // Webhooks are signed with the auth token even when texts go to the outbox.
            ["TwilioAuthToken"] = FakeTwilioApi.AuthToken,
            ["PublicBaseUrl"] = Sms.PublicBaseUrl,
        };
        if (twilio is not null)
        {
            values["TwilioAccountSid"] = FakeTwilioApi.AccountSid;
            values["TwilioFromNumber"] = FakeTwilioApi.FromNumber;
            values["NumberHashKey"] = "test-number-hash-key-0123456789abcdef";
            values["LinkSigningKey"] = "test-link-signing-key-0123456789abcdef";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;

        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
        // The fake Twilio stamps its messages (DateCreated, DateSent) on the app's clock.
        if (twilio is not null) twilio.Clock = clock;
        var counter = new StorageRequestCounter();
        var faults = new StorageFaults();
        var logs = new CapturedLogs();
        var provider = await AppServices.StartAsync("t" + Guid.NewGuid().ToString("N")[..10], values, clock, counter, collection =>
        {
            collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            if (twilio is not null)
            {
                collection.AddHttpClient(ServiceCollectionExtensions.TwilioHttpClient, c => c.Timeout = TimeSpan.FromSeconds(2))
                    .AddHttpMessageHandler(() => new RedirectHandler(twilio.BaseUri));
            }
            services?.Invoke(collection);
        }, faults);
        return new TestApp(provider, clock, counter, faults, logs);
    }

    /// <summary>
    /// Runs the queue trigger (the one emulation, with host.json's settings) until the queue shows
    /// nothing; returns how many messages it handled. A failed try comes back at once, as the host
    /// brings it back (a duplicate job meeting its twin's claim, say); a message given up on fails
    /// the test. Tests of failures use <see cref="RunQueueAsync"/>.
    /// </summary>
    public async Task<int> DrainQueueAsync()
    {
        var run = await QueueTrigger(TimeSpan.Zero).DrainAsync();
        if (run.Poisoned > 0) throw new InvalidOperationException($"{run.Poisoned} queue messages failed every try and went to the poison queue; see the test's log." + string.Join("\n", Logs.Lines.TakeLast(15)));
        return run.Handled;
    }

    /// <summary>
    /// Runs the queue trigger as the Functions host does, failures included: a failed message comes
    /// back after <paramref name="visibility"/> (host.json's 30 s would make tests slow), and after
    /// its fifth failure goes to the poison queue. Waits up to <paramref name="hidden"/> for hidden
    /// messages (retries, delayed returns) until the queue is empty.
    /// </summary>
    public Task<QueueRun> RunQueueAsync(TimeSpan? visibility = null, TimeSpan? hidden = null) =>
        QueueTrigger(visibility ?? TimeSpan.FromSeconds(1)).DrainAsync(hidden: hidden ?? TimeSpan.FromMinutes(2));

    private QueueTriggerHost QueueTrigger(TimeSpan visibility) =>
        QueueTriggerHost.ForOutbound(Services, QueueTriggerSettings.FromHostJson() with { VisibilityTimeout = visibility });

    /// <summary>
    /// The scheduler's timer at each of <paramref name="marks"/> (ascending), each tick followed by a
    /// queue drain; the clock ends on the last mark. A mark before which no slot falls due is passed
    /// over, since a tick there finds nothing and the queue is already drained: a simulated week costs
    /// its due ticks, not its 2,016 five-minute marks. The first mark always runs, for what is queued.
    /// </summary>
    public async Task RunTimerAsync(IEnumerable<DateTimeOffset> marks)
    {
        DateTimeOffset? due = null;
        DateTimeOffset? final = null;
        foreach (var mark in marks)
        {
            final = mark;
            if (due is { } next && next > mark) continue;
            Clock.SetUtcNow(mark);
            await Get<HappyTogether.Model.Scheduling.Scheduler>().RunAsync();
            await DrainQueueAsync();
            due = await Get<HappyTogether.Model.Scheduling.DueIndex>().EarliestAsync() ?? DateTimeOffset.MaxValue;
        }
        if (final is { } end && Clock.GetUtcNow() < end) Clock.SetUtcNow(end);
    }

    /// <summary>
    /// The scheduler's tick as the timer runs it, then at once the shard work it queued, each page handled as the
    /// queue trigger handles it; what the pages did, added up. The texts' jobs stay in the queue, for tests that look
    /// at them; <see cref="DrainQueueAsync"/> after <see cref="Scheduler.RunAsync"/> does all of it through the
    /// queue trigger.
    /// </summary>
    public async Task<TickResult> TickAsync()
    {
        var scheduler = Get<Scheduler>();
        var expected = await scheduler.RunAsync();
        var total = new TickResult(0, 0, 0);
        while (expected > 0)
        {
            var pages = new List<(ShardWork Work, string Id, string Receipt)>();
            while (pages.Count < expected)
            {
                var received = (await Queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
                if (received.Length == 0) throw new InvalidOperationException($"The tick queued {expected} shard messages; {pages.Count} were found.");
                foreach (var message in received)
                {
                    if (ShardWork.From(message.MessageText) is { } work) pages.Add((work, message.MessageId, message.PopReceipt));
                    else await Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                }
            }
            expected = 0;
            for (var i = 0; i < pages.Count; i++)
            {
                TickResult page;
                try
                {
                    page = await scheduler.RunShardAsync(pages[i].Work);
                }
                catch
                {
                    // As the trigger leaves a failed message: back in the queue, this page and those not yet run.
                    foreach (var (_, id, receipt) in pages.Skip(i)) await Queue.UpdateMessageAsync(id, receipt, visibilityTimeout: TimeSpan.Zero);
                    throw;
                }
                await Queue.DeleteMessageAsync(pages[i].Id, pages[i].Receipt);
                total = new TickResult(total.DueRows + page.DueRows, total.JobsQueued + page.JobsQueued, total.SlotsSkipped + page.SlotsSkipped);
                if (page.More) expected++;
            }
        }
        return total;
    }

    /// <summary>Monday 2027-01-04, 20:30 in Chicago (02:30 UTC on the 5th): the default evening question goes
    /// out.</summary>
    public static readonly DateTimeOffset ChicagoEvening = new(2027, 1, 5, 2, 30, 0, TimeSpan.Zero);

    /// <summary>An app with an opted-in Chicago couple that has just received tonight's question (at <see
    /// cref="ChicagoEvening"/>).</summary>
    public static async Task<(TestApp App, Couple Couple)> AfterEveningQuestionAsync()
    {
        var app = await StartAsync(ChicagoEvening.AddHours(-1));
        var couple = await app.EnrollOptedInAsync();
        app.Clock.SetUtcNow(ChicagoEvening);
        await app.Get<HappyTogether.Model.Scheduling.Scheduler>().RunAsync();
        await app.DrainQueueAsync();
        return (app, couple);
    }

    /// <summary>Enrolls a couple through the admin API's domain call and returns it.</summary>
    public async Task<Couple> EnrollAsync(string nameA = "Ana", string phoneA = "+13125550181", string nameB = "Sam", string phoneB = "+13125550182", string? timeZone = "America/Chicago", string? zoneB = null)
    {
        var result = await Get<Enrollment>().EnrollAsync(new EnrollmentRequest(
            [new PartnerRequest(nameA, phoneA, null), new PartnerRequest(nameB, phoneB, zoneB)], timeZone, null, null, null));
        return result is EnrollmentResult.Enrolled enrolled ? enrolled.Couple : throw new InvalidOperationException($"Enrollment failed: {result}");
    }

    /// <summary>Enrolls a couple, sends the invitations and opts both partners in.</summary>
    public async Task<Couple> EnrollOptedInAsync(string phoneA = "+13125550181", string phoneB = "+13125550182", string? zoneB = null)
    {
        var couple = await EnrollAsync(phoneA: phoneA, phoneB: phoneB, zoneB: zoneB);
        await DrainQueueAsync();
        // They read the invitation before answering.
        Clock.Advance(TimeSpan.FromMinutes(1));
        // Both joined: a fixture for what follows a YES. Invitations held for the morning have not gone
        // out yet, so the numbers are claimed here as each partner's own YES would claim them.
        await Joined.BothAsync(Get<CoupleStore>(), Get<ConsentService>(), couple, "test:YES");
        await DrainQueueAsync();
        return (await Get<CoupleStore>().GetAsync(couple.Id))!;
    }

    /// <summary>Every text the outbox recorded for a number.</summary>
    public Task<IReadOnlyList<OutboxText>> OutboxAsync(string phone) =>
        ActivatorUtilities.CreateInstance<OutboxSmsSender>(Services).ReadAsync(phone, DateTimeOffset.MinValue);

    /// <summary>Every row in every table of this app that mentions <paramref name="text"/> in a key or value.</summary>
    public async Task<List<string>> RowsMentioningAsync(string text)
    {
        var found = new List<string>();
        foreach (var table in Tables.All)
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                if (row.PartitionKey.Contains(text) || row.RowKey.Contains(text) || row.Any(kv => kv.Value?.ToString()?.Contains(text) == true))
                    found.Add($"{table.Name}: {row.PartitionKey} / {row.RowKey}");
            }
        }
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            LogPrivacy.Check(Logs.Lines, Texted.All);
        }
        finally
        {
            await AppServices.StopAsync(Services);
        }
    }
}

/// <summary>A text as a partner received it, with what the history says it was.</summary>
public sealed record ReceivedText(string Kind, string? PromptId, string Body, DateTimeOffset Utc);

/// <summary>Joins a couple's history with the outbox: every text a partner received.</summary>
public static class ReceivedTexts
{
    public static async Task<List<ReceivedText>> ReceivedAsync(this TestApp app, HappyTogether.Model.Couples.Couple couple, string partnerKey)
    {
        var records = await app.Get<HappyTogether.Model.History.HistoryStore>().ReadOutboundAsync(couple.Id, DateOnly.MinValue, DateOnly.MaxValue.AddDays(-1));
        var outbox = await app.OutboxAsync(couple[partnerKey].Phone);
        return outbox
            .Select(t => (Text: t, Record: records.SingleOrDefault(r => r.Sid == t.Sid)))
            .Select(j => new ReceivedText(j.Record?.Kind ?? "unrecorded", j.Record?.PromptId, j.Text.Body, j.Text.Utc))
            .OrderBy(t => t.Utc)
            .ToList();
    }
}
