using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HappyTogether.Testing;

/// <summary>
/// Takes storage down on demand, as an outage would: once armed, every request after the next
/// <c>n</c> fails with 503 until <see cref="Heal"/>.
/// </summary>
public sealed class StorageFaults : HttpPipelinePolicy
{
    private const int Healthy = int.MinValue;
    private int remaining = Healthy;

    /// <summary>How many requests failed since the last <see cref="FailAfter"/>.</summary>
    public int Failed { get; private set; }

    /// <summary>Lets <paramref name="requests"/> more requests through, then fails every one.</summary>
    public void FailAfter(int requests)
    {
        Failed = 0;
        Interlocked.Exchange(ref remaining, requests);
    }

    public void Heal() => Interlocked.Exchange(ref remaining, Healthy);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfDown();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfDown();
        return ProcessNextAsync(message, pipeline);
    }

    private void ThrowIfDown()
    {
        if (Volatile.Read(ref remaining) == Healthy) return;
        if (Interlocked.Decrement(ref remaining) >= 0) return;
        Failed++;
        throw new RequestFailedException(503, "Storage is unavailable (simulated outage).");
    }
}
