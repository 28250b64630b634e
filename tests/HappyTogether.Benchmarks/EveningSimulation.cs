namespace HappyTogether.Benchmarks;

/// <summary>
/// The inputs of the evening simulation (<see cref="EveningModel"/>): what is measured, what Azure and Twilio document,
/// and what is assumed. Change one and rerun `./scripts/bench.sh evening`. Sources are cited beside each figure;
/// "assumed" marks a figure nobody has measured yet.
/// </summary>
public static class EveningInputs
{
    // ---- The evening (assumed; the product's defaults where it has them) ----

    /// <summary>Every couple keeps the default 20:30 question; both partners are texted by the same job.</summary>
    public const int TextsPerCouple = 2;

    /// <summary>The evening question fits one GSM-7 segment (the prompts are written to).</summary>
    public const double QuestionSegments = 1.0;

    /// <summary>Assumed: 60% of partners answer, each on their own (so 36% of couples both answer and get a reveal).
    /// The smscost mix (3.47 reveals per couple-week, docs/BENCHMARKS.md) implies about half; change it here.</summary>
    public const double AnswerRate = 0.60;

    /// <summary>Assumed answer-arrival curve: exponential after the question arrives, mean 30 minutes, cut at 4 hours
    /// (98% of answers within 2 hours, 86% within the first hour). No published curve for this product exists yet.</summary>
    public const double AnswerMeanSeconds = 30 * 60;
    public const double AnswerCutoffSeconds = 4 * 3600;

    /// <summary>A reveal (and the TwiML reply that carries the first answer to the second answerer) averages 1.6
    /// segments: smscost, docs/BENCHMARKS.md (5.563 segments in 3.47 reveals; 5.541 in 3.46 replies).</summary>
    public const double RevealSegments = 1.6;

    // ---- Measured per-operation costs (docs/SCALING.md, bench.sh fanout and webhook) ----

    /// <summary>Sender, per question job (one couple, one slot): the read of the profile and rotation row, the claim of
    /// both texts, their outcomes. bench.sh fanout measured 3.1 table requests per due couple, 0.1 of them the tick's.</summary>
    public const double SenderTableRequestsPerJob = 3.0;

    /// <summary>Jobs per queue message (OutboundQueue.JobsPerMessage).</summary>
    public const int JobsPerMessage = 8;

    /// <summary>Webhook, per answer: the phone lookup, one range read, one transaction, the reveal's enqueue or the
    /// held nudge (bench.sh webhook, 4.0).</summary>
    public const double RequestsPerAnswer = 4.0;

    /// <summary>Sender, per reveal job (OutgoingReveal): the range read, the other's answer (a point read,
    /// Answers.GetAnswerAsync), the claim, the outcome. Estimated from the code, not measured.</summary>
    public const double RevealTableRequestsPerJob = 4.0;

    /// <summary>Shard work (Scheduler.RunShardAsync in the fanned-out tick): pages of 500 due rows, one range query
    /// each; the next page is queued once the page's rows have moved.</summary>
    public const int PageRows = 500;

    /// <summary>Re-arm: each slot deletes its time row, adds the next one and replaces its pointer row
    /// (DueIndex.RearmActions), 33 slots to a 100-entity transaction (MaxTransaction / 3).</summary>
    public const int RearmEntitiesPerSlot = 3;
    public const int RearmSlotsPerTransaction = 33;

    /// <summary>Due-index shards (DueIndex.Shards): one partition each, per storage account.</summary>
    public const int Shards = 16;

    // ---- Azure documented targets ----

    /// <summary>Table storage: "Maximum request rate per storage account: 20,000 transactions per second" and
    /// "Target throughput for a single table partition (1 KiB-entities): Up to 2,000 entities per second";
    /// a transaction holds at most 100 entities.
    /// https://learn.microsoft.com/azure/storage/tables/scalability-targets. The account's rate is taken as
    /// shared by its tables and queues (the queue page gives the same 20,000 for the account).</summary>
    public const double AccountRequestsPerSecond = 20_000;
    public const double PartitionEntitiesPerSecond = 2_000;

    /// <summary>Queue storage: "Target throughput for a single queue (1-KiB messages): Up to 2,000 messages per
    /// second". https://learn.microsoft.com/azure/storage/queues/scalability-targets. Counted here: each message
    /// put, received and deleted.</summary>
    public const double QueueMessagesPerSecond = 2_000;

    /// <summary>Flex Consumption: up to 1,000 instances per app (Microsoft's plan comparison in
    /// https://github.com/microsoft/azure-skills, skills/azure-prepare/references/services/functions/hosting-plans.md;
    /// the plan's own page was not in the searched corpus). Target-based scaling, on by default in Flex Consumption:
    /// desired instances = event source length / target executions per instance (for Storage queues the host.json
    /// batchSize, 16 here), and it "allows scaling up four instances at a time"
    /// (https://learn.microsoft.com/azure/azure-functions/functions-target-based-scaling). With event-driven scaling's
    /// "for non-HTTP triggers, new instances are allocated at most once every 30 seconds"
    /// (https://learn.microsoft.com/azure/azure-functions/event-driven-scaling) that is read as 4 instances per 30 s,
    /// the cautious reading. One instance is assumed always ready.</summary>
    public const int MaxInstances = 1_000;
    public const int ScaleStepInstances = 4;
    public const double ScaleIntervalSeconds = 30;
    public const int TargetMessagesPerInstance = 16;
    public const int InitialInstances = 1;

    /// <summary>host.json: batchSize 16 + newBatchThreshold 8, so up to 24 messages in flight per instance; the jobs of
    /// one message run side by side (OutboundSender.HandleAsync).</summary>
    public const int MessagesInFlightPerInstance = 24;

    /// <summary>Assumed: a job holds its message slot for three storage round trips of ~10 ms in Azure and one
    /// Twilio REST call of ~200 ms (the benchmarks' fake answers in 80 ms); a page of shard work ~0.7 s (a
    /// 500-row read, 32 enqueues, 16 transactions one after another). Not measured on Azure.</summary>
    public const double JobSeconds = 0.23;
    public const double PageSeconds = 0.7;

    /// <summary>Assumed: a page's next page starts ~0.8 s after it (the page's own work, the enqueue, the
    /// pickup).</summary>
    public const double PageLinkSeconds = 0.8;

    /// <summary>Assumed: one 2 GB instance sends at most 500 texts/s (TLS, JSON, the SDK); not measured.</summary>
    public const double MaxTextsPerInstancePerSecond = 500;

    /// <summary>The timer's own work (16 top-1 queries, up to 16 enqueues, the heartbeat) before the shard messages
    /// are on the queue; it runs every 5 minutes ("0 */5 * * * *"), so a 20:30 slot is read at 20:30:00.</summary>
    public const double TimerSeconds = 1;

    // ---- Twilio documented throughput (message segments per second, per sender) ----

    /// <summary>Short code: 100 MPS ("Twilio short code numbers have a current available throughput of 100 Messages
    /// per Second", https://www.twilio.com/docs/messaging/guides/account-based-throughput-overview; more can be
    /// bought). Toll-free: 3 MPS by default, high-throughput toll-free 25-150 MPS by arrangement
    /// (https://support.twilio.com/hc/en-us/articles/4411046744987). Long code: "a US long code number can send one
    /// message segment per second" (https://www.twilio.com/docs/api/errors/30001); A2P 10DLC throughput is set per
    /// brand and campaign by the carriers instead. Twilio queues what exceeds a sender's rate for up to 10 hours
    /// (same page), and its TwiML replies leave from the same senders.</summary>
    public const double ShortCodeMps = 100;
    public const double TollFreeMps = 3;
    public const double LongCodeMps = 1;

    /// <summary>The configuration the main rows run: the 12 short codes docs/SCALING.md recommended, one storage
    /// account.</summary>
    public const int ShortCodes = 12;

    /// <summary>The window the wave must fit (issue 30).</summary>
    public const double WindowSeconds = 30 * 60;
}

/// <summary>A time zone's share of the couples; its 20:30 comes <see cref="HoursAfterFirst"/> after the first's.</summary>
public sealed record Zone(string Name, double Share, int HoursAfterFirst);

/// <summary>What one run of the model simulates: the couples, where they live, the Twilio throughput and the storage
/// accounts (couples sharded by id over them, each with its 16 due partitions and its own queue).</summary>
public sealed record EveningSetup(int Couples, IReadOnlyList<Zone> Zones, double SenderMps, int Accounts = 1)
{
    public static readonly IReadOnlyList<Zone> OneZone = [new("all", 1.0, 0)];

    /// <summary>An approximation of the US population by time zone (Eastern about 47%, Central 29%, Mountain with
    /// Arizona 7%, Pacific with Alaska and Hawaii 17%), rounded from memory of census shares, not computed from census
    /// tables: change it here. In December every zone is on standard time, an hour apart.</summary>
    public static readonly IReadOnlyList<Zone> UsZones =
        [new("Eastern", 0.47, 0), new("Central", 0.29, 1), new("Mountain", 0.07, 2), new("Pacific", 0.17, 3)];
}
