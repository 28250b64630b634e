using System.Text.Json;
using System.Text.Json.Serialization;

namespace HappyTogether.Model.Scheduling;

/// <summary>
/// One page of a tick's work on one due-index shard, as a queue message: the shard's rows due through
/// <see cref="Through"/> whose row key comes after <see cref="After"/> (from the start when null). The timer queues
/// one per shard with something due; a full page queues the next once its own rows have moved, so the sixteen shards'
/// chains of pages run side by side on as many instances as the queue trigger scales to.
/// </summary>
public sealed record ShardWork([property: JsonRequired] int Shard, [property: JsonRequired] DateTimeOffset Through, string? After = null)
{
    public string ToMessage() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>The shard work a queue message holds; null for a message of jobs (a JSON array).</summary>
    public static ShardWork? From(string message) =>
        message.TrimStart().StartsWith('{')
            ? JsonSerializer.Deserialize<ShardWork>(message, JsonSerializerOptions.Web) ?? throw new FormatException("Empty shard work.")
            : null;
}
