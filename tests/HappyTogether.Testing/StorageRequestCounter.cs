using Azure.Core;
using Azure.Core.Pipeline;

namespace HappyTogether.Testing;

/// <summary>Counts the HTTP requests the storage clients send, by service (table or queue).</summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private int tables;
    private int queues;

    public int Tables => Volatile.Read(ref tables);
    public int Queues => Volatile.Read(ref queues);
    public int Total => Tables + Queues;

    public void Reset()
    {
        Interlocked.Exchange(ref tables, 0);
        Interlocked.Exchange(ref queues, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        if (message.Request.Uri.Port == 10001) Interlocked.Increment(ref queues);
        else Interlocked.Increment(ref tables);
    }
}
