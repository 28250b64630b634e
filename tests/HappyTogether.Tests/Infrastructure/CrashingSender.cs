using HappyTogether.Entry.Sending;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>Where the sending process dies, once.</summary>
public enum CrashPoint
{
    BeforeSend,
    AfterSendBeforeLog,
}

/// <summary>Stands for a process that dies at a step boundary: wraps the real sender and throws once.</summary>
public sealed class CrashingSender(ISmsSender inner, CrashPoint point) : ISmsSender
{
    private int crashed;

    public string Description => inner.Description;

    public async Task<SentSms> SendAsync(OutgoingSms sms, CancellationToken ct = default)
    {
        var crashNow = Interlocked.Exchange(ref crashed, 1) == 0;
        if (crashNow && point == CrashPoint.BeforeSend) throw new ProcessDied();
        var sent = await inner.SendAsync(sms, ct);
        if (crashNow && point == CrashPoint.AfterSendBeforeLog) throw new ProcessDied();
        return sent;
    }

    public Task<SentSms?> FindSentAsync(OutgoingSms sms, DateTimeOffset since, CancellationToken ct = default) =>
        inner.FindSentAsync(sms, since, ct);

    /// <summary>Not an SMS failure: nothing in the app handles it, as nothing handles a killed process.</summary>
    public sealed class ProcessDied() : Exception("The process died here.");
}
