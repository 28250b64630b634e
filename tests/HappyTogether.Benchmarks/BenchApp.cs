using Azure.Data.Tables;
using Azure.Storage.Queues;
using HappyTogether.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

    public static async Task<BenchApp> StartAsync(DateTimeOffset now)
    {
        Azurite.EnsureRunning();
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["TablePrefix"] = prefix,
            ["OutboundQueue"] = prefix + "-outbound",
            ["DefaultTimeZone"] = "America/Chicago",
            ["TwilioAuthToken"] = AuthToken,
            ["PublicBaseUrl"] = PublicBaseUrl,
        }).Build();
        var clock = new FakeTimeProvider(now);
        var counter = new StorageRequestCounter();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
        services.AddSingleton(tableOptions);
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
        services.AddSingleton(queueOptions);
        services.AddHappyTogether(configuration);
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        return new BenchApp(provider, clock, counter);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var table in Get<Storage.Tables>().All) await table.DeleteAsync();
        await Get<Sending.OutboundQueue>().Client.DeleteIfExistsAsync();
        await Services.DisposeAsync();
    }
}
