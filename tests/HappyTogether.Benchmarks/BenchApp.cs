using HappyTogether.LocalHost.Hosting;
using HappyTogether.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HappyTogether.Benchmarks;

/// <summary>The app's services on Azurite with their own table prefix and a fake clock; deletes its tables when
/// disposed.</summary>
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
            settings["NumberHashKey"] = "bench-number-hash-key-0123456789abcdef";
            settings["LinkSigningKey"] = "bench-link-signing-key-0123456789abcdef";
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
    /// The queue trigger as <paramref name="instances"/> Functions instances run it (the one emulation,
    /// host.json's settings), until the queue is empty and, with <paramref name="until"/>, the producer has finished.
    /// </summary>
    public async Task DrainAsync(int instances = 1, Func<bool>? until = null)
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => QueueTriggerHost.ForOutbound(Services).DrainAsync(producerDone: until)));
        if (runs.Sum(r => r.Failures) is > 0 and var failures) throw new InvalidOperationException($"{failures} queue message tries failed.");
    }

    public ValueTask DisposeAsync() => new(AppServices.StopAsync(Services));
}
