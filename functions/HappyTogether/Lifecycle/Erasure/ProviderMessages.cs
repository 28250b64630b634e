namespace HappyTogether.Lifecycle.Erasure;

/// <summary>What became of one message the erasure asked the SMS provider to delete.</summary>
public enum ProviderDeletion
{
    /// <summary>Deleted, or already gone (the provider answered 404).</summary>
    Deleted,

    /// <summary>Still being sent or received: the provider deletes only finished messages (Twilio's error
    /// 20009).</summary>
    InFlight,

    /// <summary>Refused, or the provider stayed unreachable through the retries.</summary>
    Failed,
}

/// <summary>
/// The SMS provider's own copies of a couple's texts (Twilio keeps every message, body and numbers, in
/// the account's log), which erasure deletes by message id.
/// </summary>
public interface IProviderMessages
{
    /// <summary>Deletes one message by its provider id (an SM... or MM... sid).</summary>
    Task<ProviderDeletion> DeleteAsync(string sid, CancellationToken ct = default);
}

/// <summary>No provider (texts go to the outbox table): nothing is kept outside storage, and erasure deletes the outbox
/// rows itself.</summary>
public sealed class NoProviderMessages : IProviderMessages
{
    public Task<ProviderDeletion> DeleteAsync(string sid, CancellationToken ct = default) => Task.FromResult(ProviderDeletion.Deleted);
}
