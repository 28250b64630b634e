using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace HappyTogether.Foundation.Storage;

/// <summary>
/// How the app reaches Table and Queue storage, read from the AzureWebJobsStorage setting the way the
/// Functions host reads it: a connection string (Azurite, local runs), or identity-based settings
/// (AzureWebJobsStorage__accountName, or __tableServiceUri and __queueServiceUri; __credential=managedidentity,
/// __clientId).
/// </summary>
public sealed class StorageConnection
{
    private readonly string? connectionString;
    private readonly Uri? tableUri;
    private readonly Uri? queueUri;
    private readonly TokenCredential? credential;

    private StorageConnection(string? connectionString, Uri? tableUri, Uri? queueUri, TokenCredential? credential)
    {
        this.connectionString = connectionString;
        this.tableUri = tableUri;
        this.queueUri = queueUri;
        this.credential = credential;
    }

    /// <summary>Setting with the storage connection string (Azurite locally), as the Functions host uses it.</summary>
    public const string Setting = "AzureWebJobsStorage";

    /// <summary>The keys under AzureWebJobsStorage that an identity-based connection reads
    /// (AzureWebJobsStorage__key).</summary>
    public static readonly IReadOnlyList<string> IdentityKeys = ["tableServiceUri", "queueServiceUri", "credential", "clientId"];

    /// <summary>The key under AzureWebJobsStorage that names the account alone (AzureWebJobsStorage__accountName), the
    /// identity-based form the Functions host also accepts.</summary>
    public const string AccountNameKey = "accountName";

    /// <summary>The credential of an identity-based connection; null with a connection string.</summary>
    internal TokenCredential? Credential => credential;

    public static StorageConnection From(IConfiguration configuration)
    {
        const string setting = Setting;
        if (configuration[setting] is { Length: > 0 } connectionString) return new(connectionString, null, null, null);

        var section = configuration.GetSection(setting);
        // The host's short form names only the account; the service URIs are the public cloud's.
        var account = section[AccountNameKey];
        var tables = section[IdentityKeys[0]] ?? (account is { Length: > 0 } ? $"https://{account}.table.core.windows.net" : null);
        var queues = section[IdentityKeys[1]] ?? (account is { Length: > 0 } ? $"https://{account}.queue.core.windows.net" : null);
        if (tables is null || queues is null)
            throw new InvalidOperationException(
                $"Set {setting} to a storage connection string (for Azurite: UseDevelopmentStorage=true), "
                + $"or {setting}__accountName (or {setting}__tableServiceUri and {setting}__queueServiceUri) for an identity-based connection.");
        TokenCredential credential = string.Equals(section[IdentityKeys[2]], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section[IdentityKeys[3]] is { Length: > 0 } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return new(null, new Uri(tables), new Uri(queues), credential);
    }

    public TableServiceClient Tables(TableClientOptions options) =>
        connectionString is not null ? new TableServiceClient(connectionString, options) : new TableServiceClient(tableUri!, credential!, options);

    public QueueServiceClient Queues(QueueClientOptions options) =>
        connectionString is not null ? new QueueServiceClient(connectionString, options) : new QueueServiceClient(queueUri!, credential!, options);
}
