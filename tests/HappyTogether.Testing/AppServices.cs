using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Storage;
using HappyTogether.Model.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HappyTogether.Testing;

/// <summary>
/// The app's real services (AddHappyTogether) on Azurite, with a table prefix and queue of their own,
/// the given clock, and a counter on every storage request.
/// </summary>
public static class AppServices
{
    /// <param name="prefix">Table prefix (letters and digits) that keeps this instance apart from others.</param>
    /// <param name="settings">Settings on top of the storage ones.</param>
    /// <param name="clock">The app's clock.</param>
    /// <param name="counter">Counts storage requests.</param>
    /// <param name="configure">Last registrations, e.g. logging or a replaced sender.</param>
    /// <param name="faults">Takes storage down on demand.</param>
    public static async Task<ServiceProvider> StartAsync(
        string prefix, IDictionary<string, string?> settings, TimeProvider clock, StorageRequestCounter counter, Action<IServiceCollection>? configure = null, StorageFaults? faults = null)
    {
        Azurite.EnsureRunning();
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["TablePrefix"] = prefix,
            ["OutboundQueue"] = prefix + "-outbound",
        };
        foreach (var (key, value) in settings) values[key] = value;

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        if (faults is not null) tableOptions.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        services.AddSingleton(tableOptions);
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        if (faults is not null) queueOptions.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        services.AddSingleton(queueOptions);
        services.AddHappyTogether(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        configure?.Invoke(services);

        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
            await hosted.StartAsync(CancellationToken.None);
        counter.Reset();
        return provider;
    }

    /// <summary>Deletes the instance's tables and queues, then disposes the services.</summary>
    public static async Task StopAsync(ServiceProvider services)
    {
        foreach (var table in services.GetRequiredService<Tables>().All) await table.DeleteAsync();
        await services.GetRequiredService<OutboundQueue>().Client.DeleteIfExistsAsync();
        await services.GetRequiredService<PoisonedJobs>().Client.DeleteIfExistsAsync();
        await services.DisposeAsync();
    }
}
