using System.Net.Sockets;

namespace HappyTogether.Testing;

/// <summary>Fails fast, with a clear message, when Azurite is not running on 127.0.0.1.</summary>
public static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";
    private static readonly Lazy<string?> Problem = new(Probe);

    public static void EnsureRunning()
    {
        if (Problem.Value is { } problem) throw new InvalidOperationException(problem);
    }

    private static string? Probe()
    {
        foreach (var (service, port) in new[] { ("Queue", 10001), ("Table", 10002) })
        {
            using var client = new TcpClient();
            try
            {
                if (!client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(3)))
                    return Message(service, port);
            }
            catch (AggregateException)
            {
                return Message(service, port);
            }
        }
        return null;
    }

    private static string Message(string service, int port) =>
        $"Azurite is not running: nothing answers for {service} storage on 127.0.0.1:{port}. "
        + "Run ./scripts/test.sh or ./scripts/bench.sh (they start Azurite), or start it yourself with 'npm ci && npm run azurite'.";
}
