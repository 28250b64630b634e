using static HappyTogether.Benchmarks.EveningInputs;

namespace HappyTogether.Benchmarks;

/// <summary>What one run of the model found. Times are seconds after a zone's 20:30 (the worst zone for the wave).</summary>
public sealed record EveningResult(
    double LastQuestionSeconds, string LastZone, string Bound, double BoundShare, IReadOnlyDictionary<string, double> SaturatedShare,
    double PeakInstances, double PeakAccountShare, double PeakQueueShare, double PeakPartitionShare, double LongestRevealWaitSeconds,
    double Questions, double Answers, double Reveals, double Segments, double RequestsPerDueCouple);

/// <summary>
/// A fluid model of one evening, in steps of one second: the timer releases each zone's due slots at its 20:30; shard
/// pages read them (bounded by the page chain and the due partitions' entity rate) and queue the couples' jobs; the
/// sender takes jobs as fast as instances and the send-rate guard allow; Twilio sends at its senders' rate from its
/// own queue; answers come back on the arrival curve, each second answer bringing a TwiML reply with the reveal and a
/// reveal job for the first answerer. Stages that share a resource (the storage account, the queue) get it in
/// proportion to their demand; the webhook's answers are served first, as HTTP requests cannot wait in a queue.
/// Pure arithmetic: the same inputs give the same output.
/// </summary>
public static class EveningModel
{
    public const string Twilio = "Twilio senders";
    public const string Account = "storage account requests";
    public const string Queue = "queue messages";
    public const string Partitions = "due-index partitions";
    public const string Chain = "shard page chain";
    public const string Instances = "Functions instances";

    // Answers are binned by 10 s: cheap enough to rerun the model many times for the sizing, fine enough for minutes.
    private const int Bin = 10;

    // The sender's guard keeps about two seconds of texts waiting at Twilio and the rest in the storage queue.
    private const double GuardSlackSeconds = 2;

    public static EveningResult Run(EveningSetup setup)
    {
        var a = setup.Accounts;
        var lastZone = setup.Zones.Max(z => z.HoursAfterFirst);
        var horizon = (lastZone * 3600) + (int)AnswerCutoffSeconds + (4 * 3600);
        var bins = (horizon / Bin) + 2;
        var (answerKernel, revealKernel) = Kernels();
        var answersIn = new double[bins + answerKernel.Length];
        var revealsIn = new double[bins + revealKernel.Length];

        // Per unit of work: requests to the account, messages through the queue, entities in the due partitions,
        // message slot-seconds on instances. A slot is one partner's due row; half a job, as both partners share one.
        const double jobsPerSlot = 1.0 / TextsPerCouple;
        var slotRequests = (3.0 + (1.0 / TargetMessagesPerInstance)) / PageRows + (1.0 / RearmSlotsPerTransaction) + (jobsPerSlot / JobsPerMessage);
        var slotMessages = (jobsPerSlot / JobsPerMessage) + (3.0 / PageRows);
        var slotEntities = 1.0 + RearmEntitiesPerSlot;
        var slotSlotSeconds = PageSeconds / PageRows;
        var questionJobRequests = SenderTableRequestsPerJob + ((1.0 + (1.0 / TargetMessagesPerInstance)) / JobsPerMessage);
        var revealJobRequests = RevealTableRequestsPerJob + 1.0 + (1.0 / TargetMessagesPerInstance);

        double due = 0, jobs = 0, revealJobs = 0, atTwilioQuestions = 0, atTwilioOther = 0, instances = InitialInstances;
        double questionsOut = 0, segmentsOut = 0, answers = 0, reveals = 0;
        double peakInstances = instances, peakAccount = 0, peakQueue = 0, peakPartition = 0;
        var saturated = new Dictionary<string, double> { [Twilio] = 0, [Account] = 0, [Queue] = 0, [Partitions] = 0, [Chain] = 0, [Instances] = 0 };
        var waveSeconds = 0.0;
        var questionsDue = 0.0;
        var lastQuestion = new double[setup.Zones.Count];
        var binQuestions = 0.0;
        var revealsArrived = new double[horizon];
        var revealsSent = new double[horizon];
        var ticks = setup.Zones.Select(z => (Second: (z.HoursAfterFirst * 3600) + (int)TimerSeconds, Slots: setup.Couples * z.Share * TextsPerCouple)).ToList();
        var totalQuestions = (double)setup.Couples * TextsPerCouple;

        for (var t = 0; t < horizon; t++)
        {
            foreach (var tick in ticks)
            {
                if (tick.Second != t) continue;
                due += tick.Slots;
                questionsDue += tick.Slots;
            }

            // The webhook first: answers and the second answers' reveals arrive whatever else is going on.
            var answering = answersIn[t / Bin] / Bin;
            var revealing = revealsIn[t / Bin] / Bin;
            answers += answering;
            reveals += revealing;
            revealJobs += revealing;
            atTwilioOther += revealing * RevealSegments;
            var accountLeft = Math.Max(0, (AccountRequestsPerSecond * a) - (answering * RequestsPerAnswer));
            var queueLeft = Math.Max(0, (QueueMessagesPerSecond * a) - revealing);

            // What the shard pages and the sender would do this second, unconstrained by shared resources.
            var chainCap = Shards * a * PageRows / PageLinkSeconds;
            var pageDemand = Math.Min(due, chainCap);
            // The question jobs were queued first (within minutes of 20:30), so the sender reaches them before the
            // reveal jobs queued behind them: first come, first served, as the queue is.
            var guardRoom = Math.Max(0, (setup.SenderMps * GuardSlackSeconds) - atTwilioQuestions - atTwilioOther);
            var questionDemand = Math.Min(jobs, guardRoom / (TextsPerCouple * QuestionSegments));
            var revealDemand = Math.Min(revealJobs, (guardRoom - (questionDemand * TextsPerCouple * QuestionSegments)) / RevealSegments);
            var sendRequests = (questionDemand * questionJobRequests) + (revealDemand * revealJobRequests);
            var sendMessages = (questionDemand * 2.0 / JobsPerMessage) + (revealDemand * 2.0);
            var sendSlotSeconds = (questionDemand * JobSeconds / JobsPerMessage) + (revealDemand * JobSeconds);
            var sendTexts = (questionDemand * TextsPerCouple) + revealDemand;

            // Each shared resource scales its users by the same factor; a stage runs at the least of its factors.
            var fAccount = Factor(accountLeft, (pageDemand * slotRequests) + sendRequests);
            var fQueue = Factor(queueLeft, (pageDemand * slotMessages) + sendMessages);
            var fPartition = Factor(PartitionEntitiesPerSecond * Shards * a, pageDemand * slotEntities);
            var fSlots = Factor(instances * MessagesInFlightPerInstance, (pageDemand * slotSlotSeconds) + sendSlotSeconds);
            var fCpu = Factor(instances * MaxTextsPerInstancePerSecond, sendTexts);
            var fPages = Math.Min(Math.Min(fAccount, fQueue), Math.Min(fPartition, fSlots));
            var fSend = Math.Min(Math.Min(fAccount, fQueue), Math.Min(fSlots, fCpu));
            var pages = pageDemand * fPages;
            var sentQuestions = questionDemand * fSend;
            var sentReveals = revealDemand * fSend;

            due -= pages;
            jobs += (pages * jobsPerSlot) - sentQuestions;
            revealJobs -= sentReveals;
            atTwilioQuestions += sentQuestions * TextsPerCouple * QuestionSegments;
            atTwilioOther += sentReveals * RevealSegments;

            // Twilio sends at its senders' rate, first come first served (mixed evenly, as a fluid).
            var atTwilio = atTwilioQuestions + atTwilioOther;
            var outNow = Math.Min(setup.SenderMps, atTwilio);
            var outQuestions = atTwilio > 0 ? outNow * atTwilioQuestions / atTwilio : 0;
            atTwilioQuestions -= outQuestions;
            atTwilioOther -= outNow - outQuestions;
            segmentsOut += outNow;
            var questionTexts = outQuestions / QuestionSegments;
            questionsOut += questionTexts;
            binQuestions += questionTexts;
            revealsArrived[t] = reveals;
            revealsSent[t] = (t > 0 ? revealsSent[t - 1] : 0) + sentReveals;

            // The zones' waves end in order (earlier zones' jobs are ahead in every queue).
            var before = 0.0;
            for (var z = 0; z < setup.Zones.Count; z++)
            {
                before += setup.Couples * setup.Zones[z].Share * TextsPerCouple;
                if (questionsOut < before - 0.5 && questionsDue > 0) lastQuestion[z] = t + 1 - (setup.Zones[z].HoursAfterFirst * 3600);
            }

            // Which resources held the questions back this second, while some were still to go out.
            var inWave = questionsDue - questionsOut > 0.5;
            if (inWave)
            {
                waveSeconds++;
                if (outNow >= setup.SenderMps - 1e-9) saturated[Twilio]++;
                if (fAccount < 1) saturated[Account]++;
                if (fQueue < 1) saturated[Queue]++;
                if (fPartition < 1) saturated[Partitions]++;
                if (due > chainCap && fPages >= 1) saturated[Chain]++;
                if (fSlots < 1 || fCpu < 1) saturated[Instances]++;
            }
            var accountUsed = (AccountRequestsPerSecond * a) - accountLeft + (pages * slotRequests) + (sendRequests * fSend);
            peakAccount = Math.Max(peakAccount, accountUsed / (AccountRequestsPerSecond * a));
            peakQueue = Math.Max(peakQueue, (revealing + (pages * slotMessages) + (sendMessages * fSend)) / (QueueMessagesPerSecond * a));
            peakPartition = Math.Max(peakPartition, pages * slotEntities / (PartitionEntitiesPerSecond * Shards * a));

            // A bin of questions sent becomes answers and reveals over the following hours.
            if ((t + 1) % Bin == 0)
            {
                var b = (t + 1) / Bin;
                for (var k = 0; k < answerKernel.Length && binQuestions > 0; k++)
                {
                    answersIn[b + k] += binQuestions * answerKernel[k];
                    revealsIn[b + k] += binQuestions / TextsPerCouple * revealKernel[k];
                }
                binQuestions = 0;
            }

            // Target-based scaling: toward queue length / 16, at most 4 more instances per 30 s.
            if ((t + 1) % (int)ScaleIntervalSeconds == 0)
            {
                var messages = (jobs / JobsPerMessage) + revealJobs + (due / PageRows);
                var desired = Math.Clamp(Math.Ceiling(messages / TargetMessagesPerInstance), InitialInstances, MaxInstances);
                instances = desired > instances ? Math.Min(desired, instances + ScaleStepInstances) : desired;
                peakInstances = Math.Max(peakInstances, instances);
            }
        }

        var worst = Enumerable.Range(0, setup.Zones.Count).MaxBy(z => lastQuestion[z]);
        var share = saturated.ToDictionary(s => s.Key, s => waveSeconds > 0 ? s.Value / waveSeconds : 0);
        var bound = share.MaxBy(s => s.Value);
        var requestsPerCouple = (TextsPerCouple * slotRequests) + questionJobRequests;
        return new EveningResult(lastQuestion[worst], setup.Zones[worst].Name, bound.Value > 0 ? bound.Key : "none (pipeline latency)", bound.Value, share,
            peakInstances, peakAccount, peakQueue, peakPartition, LongestWait(revealsArrived, revealsSent),
            questionsOut, answers, reveals, segmentsOut, requestsPerCouple);
    }

    /// <summary>The longest any reveal job waited in the queue, first in first out: for each second, how long until
    /// the jobs sent catch up with the jobs that had arrived by then.</summary>
    private static double LongestWait(double[] arrived, double[] sent)
    {
        var longest = 0.0;
        var s = 0;
        for (var t = 0; t < arrived.Length; t++)
        {
            if (t > 0 && arrived[t] - arrived[t - 1] <= 0) continue;
            while (s < sent.Length - 1 && sent[s] < arrived[t] - 0.5) s++;
            longest = Math.Max(longest, s - t);
        }
        return longest;
    }

    private static double Factor(double capacity, double demand) => demand <= capacity ? 1 : capacity / demand;

    /// <summary>Per bin after a question goes out: the share of partners answering in it, and the share of couples
    /// whose second answer comes in it (both answered by then, less both answered a bin earlier).</summary>
    private static (double[] Answers, double[] Reveals) Kernels()
    {
        var n = (int)(AnswerCutoffSeconds / Bin);
        double Answered(double s) => AnswerRate * (1 - Math.Exp(-s / AnswerMeanSeconds)) / (1 - Math.Exp(-AnswerCutoffSeconds / AnswerMeanSeconds));
        var answers = new double[n];
        var reveals = new double[n];
        for (var k = 0; k < n; k++)
        {
            answers[k] = Answered((k + 1) * Bin) - Answered(k * Bin);
            reveals[k] = Math.Pow(Answered((k + 1) * Bin), 2) - Math.Pow(Answered(k * Bin), 2);
        }
        return (answers, reveals);
    }
}
