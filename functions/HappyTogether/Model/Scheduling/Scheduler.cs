using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Outbound;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Model.Scheduling;

/// <summary>What one page of a shard's work did; <see cref="More"/> when it queued the next page.</summary>
public sealed record TickResult(int DueRows, int JobsQueued, int SlotsSkipped, bool More = false);

/// <summary>
/// The scheduler. Each tick (<see cref="RunAsync"/>, the timer) does the same small amount of work however many
/// couples are due: it asks each due-index shard for its earliest row and queues one <see cref="ShardWork"/> message
/// per shard with something due. The queue-triggered function then does the work of each shard
/// (<see cref="RunShardAsync"/>), a page at a time: reads only the slots that are due, queues one job per couple, slot
/// and date (several jobs to a message), and moves each slot to its next occurrence. Slots missed during an outage
/// are sent late only while it is still the same local day and inside waking hours; older ones are skipped. Jobs held
/// until their recipients woke up are queued again once their time comes.
/// </summary>
public sealed class Scheduler(DueIndex due, OutboundQueue queue, SchedulerHeartbeat heartbeat, TimeProvider clock, ILogger<Scheduler> log)
{
    /// <summary>Due rows one shard message handles: a page of the range query, about half as many couples.</summary>
    public const int PageRows = 500;

    /// <summary>The timer's tick: one message per shard with something due; returns how many were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var earliest = await due.EarliestByShardAsync(Enumerable.Range(0, DueIndex.Shards), ct);
        var shards = earliest.Where(e => e.Value <= now).Select(e => e.Key).Order().ToList();
        await Task.WhenAll(shards.Select(shard => QueueAsync(new ShardWork(shard, now), ct)));
        await heartbeat.BeatAsync(ct);
        OpsMetrics.Tick();
        return shards.Count;
    }

    /// <summary>One page of one shard's due rows, from its queue message.</summary>
    public async Task<TickResult> RunShardAsync(ShardWork work, CancellationToken ct = default)
    {
        var (read, last) = await due.ReadDuePageAsync(work.Shard, work.Through, work.After, PageRows, ct);
        // Planned as of the tick, however long the page waited in the queue: the sender judges the hour when it sends.
        var now = work.Through;
        var rows = read.Slots;
        var plans = rows.Select(row => (Row: row, Plan: Plan(row, now))).ToList();

        // Queue before moving the slots: a crash in between re-queues on the next tick, and the
        // sender's claim drops the duplicate; the other order could lose a text.
        var jobs = plans
            .Where(p => p.Plan.Send is not null)
            .GroupBy(p => (p.Row.CoupleId, p.Row.Slot, p.Plan.Send!.Value))
            .Select(g => new OutboundJob(g.Key.CoupleId, Slots.KindOf(g.Key.Slot), g.Key.Value, g.Select(p => p.Row.Partner).Order().ToList()))
            .Concat(read.Held.Select(h => h.Job))
            .ToList();
        await Parallel.ForEachAsync(jobs.Chunk(OutboundQueue.JobsPerMessage), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            (batch, token) => new ValueTask(queue.EnqueueAsync(batch, ct: token)));

        var moved = await due.RearmAsync(plans.Select(p => (p.Row, p.Plan.Next)).ToList(), ct);
        await due.ReleaseAsync(read.Held, ct);
        // The next page only once this one's rows have moved: a retry of a failed page then reads on from where its
        // rows moved away, and never starts a second chain of pages.
        if (last is not null) await QueueAsync(work with { After = last }, ct);
        if (moved < plans.Count)
            log.LogInformation("{Count} due slots were moved by another run meanwhile.", plans.Count - moved);

        var skipped = plans.Count(p => p.Plan.Send is null);
        if (rows.Count + read.Held.Count > 0)
            log.LogInformation("Shard {Shard}: {Due} due slots, {Held} held jobs, {Jobs} jobs queued, {Skipped} skipped as too late.", work.Shard, rows.Count, read.Held.Count, jobs.Count, skipped);
        return new TickResult(rows.Count, jobs.Count, skipped, last is not null);
    }

    /// <summary>A shard page on the outbound queue, beside the jobs (an object, where a message of jobs is an
    /// array).</summary>
    private Task QueueAsync(ShardWork work, CancellationToken ct) => queue.Client.SendMessageAsync(work.ToMessage(), cancellationToken: ct);

    /// <summary>
    /// Which local date (if any) to send for a due row, and the row's next occurrence after now.
    /// Only an occurrence from the recipient's current local day, while they are awake, is sent.
    /// </summary>
    internal static (DateOnly? Send, DueSlot Next) Plan(DueSlot row, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(row.TimeZone);
        var nowLocal = ZoneTime.ToLocal(now, zone);
        var today = DateOnly.FromDateTime(nowLocal);
        var awake = WakingWindow.Contains(TimeOnly.FromDateTime(nowLocal));

        DateOnly? send = null;
        var occurrence = row;
        // After a long outage, start from yesterday rather than walking every missed day.
        if (occurrence.DueUtc < now.AddDays(-2))
            occurrence = occurrence.Next(now.AddDays(-2));
        while (occurrence.DueUtc <= now)
        {
            if (occurrence.LocalDate == today && awake) send = occurrence.LocalDate;
            occurrence = occurrence.Next(occurrence.DueUtc);
        }
        return (send, occurrence);
    }
}
