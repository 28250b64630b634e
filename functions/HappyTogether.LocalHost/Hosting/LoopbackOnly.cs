using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HappyTogether.LocalHost.Hosting;

/// <summary>
/// Keeps the local host on this machine: 127.0.0.1, ::1 or localhost, never another interface.
/// The host binds with UseUrls, but urls (ASPNETCORE_URLS, --urls) and Kestrel endpoints
/// (Kestrel:Endpoints:*:Url, Kestrel__Endpoints__*__Url) from configuration take precedence over
/// it, so any that name another address refuse the start instead.
/// </summary>
public static class LoopbackOnly
{
    /// <summary>127.0.0.0/8, ::1 (with or without brackets) or localhost; a wildcard or any other name is
    /// not.</summary>
    public static bool IsLoopback(string host)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>An http(s) URL on a loopback host (Kestrel binds a name other than localhost to every
    /// interface).</summary>
    public static bool IsLoopbackUrl(string url)
    {
        try
        {
            var binding = BindingAddress.Parse(url.Trim());
            return !binding.IsUnixPipe && !binding.IsNamedPipe && IsLoopback(binding.Host);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Why the configured bindings may not be used, one line each; none when all are loopback.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        // WebApplication reads ASPNETCORE_URLS, DOTNET_URLS and --urls into "urls": a ;-separated list.
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IsLoopbackUrl(url)) yield return $"urls (ASPNETCORE_URLS or --urls) names {url}: the local host listens on 127.0.0.1 only; remove it and use --port.";
        }
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            var url = endpoint["Url"] ?? "";
            if (!IsLoopbackUrl(url)) yield return $"Kestrel:Endpoints:{endpoint.Key}:Url (Kestrel__Endpoints__{endpoint.Key}__Url) is '{url}': the local host listens on 127.0.0.1 only; remove it or use 127.0.0.1.";
        }
    }

    /// <summary>This host's own address (scheme://host:port, loopback), as the server reports it once
    /// listening.</summary>
    public static string OwnAddress(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(IsLoopbackUrl)?.TrimEnd('/')
        ?? throw new InvalidOperationException("The local host is not listening on a loopback address.");
}
