using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HappyTogether.Testing;

/// <summary>
/// Takes storage down on demand, as an outage would: once armed, every request after the next
/// <c>n</c> fails with 503 until <see cref="Heal"/>. It can also hold a request back while something
/// else runs first (<see cref="BeforeNext"/>), the interleaving of two workers.
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

    private sealed record Interleave(Func<Request, bool> Matches, Func<Task> Run);

    private Interleave? interleave;

    /// <summary>
    /// Once, before the next request that <paramref name="matches"/> goes out, runs <paramref name="first"/>
    /// and waits for it; the requests <paramref name="first"/> makes itself go through untouched.
    /// </summary>
    public void BeforeNext(Func<Request, bool> matches, Func<Task> first) => Volatile.Write(ref interleave, new Interleave(matches, first));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfDown();
        TakeInterleave(message)?.Invoke().GetAwaiter().GetResult();
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfDown();
        if (TakeInterleave(message) is { } first) await first();
        await ProcessNextAsync(message, pipeline);
    }

    /// <summary>The interleaved work due before this request, disarmed first so that its own requests pass.</summary>
    private Func<Task>? TakeInterleave(HttpMessage message)
    {
        if (Volatile.Read(ref interleave) is not { } armed || !armed.Matches(message.Request)) return null;
        return Interlocked.CompareExchange(ref interleave, null, armed) == armed ? armed.Run : null;
    }

    private void ThrowIfDown()
    {
        if (Volatile.Read(ref remaining) == Healthy) return;
        if (Interlocked.Decrement(ref remaining) >= 0) return;
        Failed++;
        throw new RequestFailedException(503, "Storage is unavailable (simulated outage).");
    }
}
