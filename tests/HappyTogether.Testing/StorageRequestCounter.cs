using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HappyTogether.Testing;

/// <summary>Counts the HTTP requests the storage clients send, by service (table or queue).</summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private int tables;
    private int queues;
    private readonly ConcurrentQueue<string> tableReads = new();

    /// <summary>When set, each table read (GET) is kept, as its decoded path and query, until the next reset.</summary>
    public bool KeepTableReads { get; set; }

    /// <summary>The table reads kept since the last reset: what tells a point read from a query, and which rows it asked for.</summary>
    public IReadOnlyList<string> TableReads => [.. tableReads];

    public int Tables => Volatile.Read(ref tables);
    public int Queues => Volatile.Read(ref queues);
    public int Total => Tables + Queues;

    public void Reset()
    {
        Interlocked.Exchange(ref tables, 0);
        Interlocked.Exchange(ref queues, 0);
        tableReads.Clear();
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
        else
        {
            Interlocked.Increment(ref tables);
            if (KeepTableReads && message.Request.Method == RequestMethod.Get)
                tableReads.Enqueue(Uri.UnescapeDataString(message.Request.Uri.ToUri().PathAndQuery));
        }
    }
}
