using HappyTogether.Functions;
using HappyTogether.Outbound;
using HappyTogether.Sending;
using HappyTogether.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HappyTogether.Benchmarks;

/// <summary>The app's services on Azurite with their own table prefix and a fake clock; deletes its tables when disposed.</summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string AuthToken = "benchmark-auth-token";
    public const string PublicBaseUrl = "https://happytogether.example.org";

    private BenchApp(ServiceProvider services, FakeTimeProvider clock, StorageRequestCounter counter)
    {
        Services = services;
        Clock = clock;
        Requests = counter;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public StorageRequestCounter Requests { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<BenchApp> StartAsync(DateTimeOffset now, FakeTwilioApi? twilio = null)
    {
        var clock = new FakeTimeProvider(now);
        var counter = new StorageRequestCounter();
        var settings = new Dictionary<string, string?>
        {
            ["DefaultTimeZone"] = "America/Chicago",
            ["TwilioAuthToken"] = AuthToken,
            ["PublicBaseUrl"] = PublicBaseUrl,
            ["SendRatePerSecond"] = "100000",
        };
        if (twilio is not null)
        {
            settings["TwilioAccountSid"] = FakeTwilioApi.AccountSid;
            settings["TwilioAuthToken"] = FakeTwilioApi.AuthToken;
            settings["TwilioFromNumber"] = FakeTwilioApi.FromNumber;
        }
        var provider = await AppServices.StartAsync("b" + Guid.NewGuid().ToString("N")[..10], settings, clock, counter, services =>
        {
            if (twilio is not null)
            {
                services.AddHttpClient(ServiceCollectionExtensions.TwilioHttpClient)
                    .AddHttpMessageHandler(() => new RedirectHandler(twilio.BaseUri))
                    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
            }
        });
        return new BenchApp(provider, clock, counter);
    }

    /// <summary>
    /// The queue trigger as a Functions instance runs it: batches of messages, handled concurrently,
    /// until the queue is empty (and, with <paramref name="until"/>, the producer has finished).
    /// </summary>
    public async Task DrainAsync(int concurrency = 8, Func<bool>? until = null)
    {
        var queue = Get<OutboundQueue>().Client;
        var trigger = ActivatorUtilities.CreateInstance<OutboundQueueTrigger>(Services);
        var empty = 0;
        var running = new List<Task>();
        using var slots = new SemaphoreSlim(concurrency);
        while (empty < 3)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                await Task.WhenAll(running);
                running.Clear();
                // An empty queue only means done once the producer has finished.
                if (until is null || until()) empty++;
                else await Task.Delay(50);
                continue;
            }
            empty = 0;
            foreach (var message in batch)
            {
                await slots.WaitAsync();
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await trigger.Run(message.MessageText, CancellationToken.None);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }
            running.RemoveAll(t => t.IsCompleted);
        }
    }

    public ValueTask DisposeAsync() => new(AppServices.StopAsync(Services));
}
