namespace HappyTogether.LocalHost.Hosting;

/// <summary>
/// The requests this host is still handling that can set work off: webhooks and admin calls under
/// /api, and /dev/sms. The dev clock waits for them, so what they queue or hold is seen before the
/// clock moves on, whether or not their caller waited for the answer.
/// </summary>
public sealed class InboundWork
{
    private readonly Lock sync = new();
    private int running;
    private long started;
    private TaskCompletionSource idle = Idle();

    /// <summary>How many requests have begun since the host started: a change means something may have been queued or
    /// armed.</summary>
    public long Started
    {
        get { lock (sync) return started; }
    }

    /// <summary>How many are being handled now.</summary>
    public int Running
    {
        get { lock (sync) return running; }
    }

    /// <summary>Completes once no tracked request is being handled.</summary>
    public Task WhenIdleAsync(CancellationToken ct)
    {
        lock (sync) return idle.Task.WaitAsync(ct);
    }

    public static bool Tracks(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/dev/sms");

    /// <summary>Middleware: counts a tracked request from its start until its handler has returned.</summary>
    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        if (!Tracks(context.Request.Path))
        {
            await next(context);
            return;
        }
        lock (sync)
        {
            started++;
            if (running++ == 0) idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        try
        {
            await next(context);
        }
        finally
        {
            TaskCompletionSource? done = null;
            lock (sync)
            {
                if (--running == 0) done = idle;
            }
            done?.TrySetResult();
        }
    }

    private static TaskCompletionSource Idle()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
