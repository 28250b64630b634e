using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Storage;
using HappyTogether.Model.Outbound;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HappyTogether;

/// <summary>At start-up: creates the tables and queue if missing and says which SMS sender is in use.</summary>
public sealed class StorageStartup(Tables tables, OutboundQueue queue, ISmsSender sms, ILogger<StorageStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tables.CreateIfNotExistsAsync(cancellationToken);
        await queue.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        log.LogInformation("HappyTogether storage ready (table prefix '{Prefix}', queue '{Queue}'). Texts go to: {Sender}.", tables.Prefix, queue.Client.Name, sms.Description);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
