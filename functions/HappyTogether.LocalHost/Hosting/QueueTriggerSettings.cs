using System.Reflection;
using System.Text.Json;

namespace HappyTogether.LocalHost.Hosting;

/// <summary>
/// The queue trigger's settings from host.json (<c>extensions.queues</c>), with the Functions host's
/// defaults for what it leaves out: the one source for every emulation of the trigger.
/// </summary>
/// <param name="BatchSize">Messages fetched at once and handled side by side.</param>
/// <param name="NewBatchThreshold">A new batch is fetched when no more than this many are still being handled.</param>
/// <param name="VisibilityTimeout">How long a failed message stays hidden before its next try.</param>
/// <param name="MaxDequeueCount">Tries before a message moves to the poison queue.</param>
public sealed record QueueTriggerSettings(int BatchSize, int NewBatchThreshold, TimeSpan VisibilityTimeout, int MaxDequeueCount)
{
    /// <summary>The settings of the repository's host.json, embedded in this assembly at build time.</summary>
    public static QueueTriggerSettings FromHostJson()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("host.json")
            ?? throw new InvalidOperationException("host.json is not embedded in the local host.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads <c>extensions.queues</c> from a host.json document.</summary>
    public static QueueTriggerSettings Parse(string hostJson)
    {
        using var json = JsonDocument.Parse(hostJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var queues = json.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("queues", out var q) ? q : default;
        int Int(string name, int fallback) => queues.ValueKind == JsonValueKind.Object && queues.TryGetProperty(name, out var v) ? v.GetInt32() : fallback;
        var batchSize = Int("batchSize", 16);
        var visibility = queues.ValueKind == JsonValueKind.Object && queues.TryGetProperty("visibilityTimeout", out var t) ? TimeSpan.Parse(t.GetString()!) : TimeSpan.Zero;
        return new(batchSize, Int("newBatchThreshold", batchSize / 2), visibility, Int("maxDequeueCount", 5));
    }
}
