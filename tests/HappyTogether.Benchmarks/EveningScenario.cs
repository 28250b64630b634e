using static HappyTogether.Benchmarks.EveningInputs;

namespace HappyTogether.Benchmarks;

/// <summary>
/// The `evening` scenario: one evening for N couples through <see cref="EveningModel"/>, all in one zone and spread over
/// the US zones, with what bounds the wave and how many senders and storage accounts keep it inside 30 minutes. No
/// Azurite, no network: it runs in seconds and checks its own totals (the test project does not reference the
/// benchmarks, so the checks live here and throw).
/// </summary>
public static class EveningScenario
{
    private const double Unlimited = 1e9;

    public static IReadOnlyList<Row> Run(int couples)
    {
        var rows = new List<Row>();
        var model = EveningModel.Run(new EveningSetup(couples, EveningSetup.OneZone, ShortCodes * ShortCodeMps));
        rows.Add(new Row("storage requests per due couple (model's operations)", model.RequestsPerDueCouple, "requests", Floor: 3.33));
        foreach (var (name, zones) in new[] { ("one zone", EveningSetup.OneZone), ("US zones", EveningSetup.UsZones) })
            rows.AddRange(Case(name, couples, zones));
        return rows;
    }

    private static IEnumerable<Row> Case(string name, int couples, IReadOnlyList<Zone> zones)
    {
        var setup = new EveningSetup(couples, zones, ShortCodes * ShortCodeMps);
        var r = EveningModel.Run(setup);
        Check(r, couples);
        Console.WriteLine($"evening, {name}, {ShortCodes} short codes: last question {r.LastQuestionSeconds / 60:0.0} min after 20:30 ({r.LastZone}); share of the wave each resource was saturated: "
            + string.Join(", ", r.SaturatedShare.Select(s => $"{s.Key} {s.Value:P0}")));

        var largestZone = zones.Max(z => z.Share) * couples * TextsPerCouple * QuestionSegments;
        var twilioFloor = largestZone / (ShortCodes * ShortCodeMps) / 60;
        yield return new Row($"{name}: questions sent", r.Questions, "texts", Floor: (double)couples * TextsPerCouple);
        yield return new Row($"{name}: last question, {ShortCodes} short codes", r.LastQuestionSeconds / 60, "min", Floor: twilioFloor)
            .AtMost(WindowSeconds / 60);
        yield return new Row($"{name}: bound: {r.Bound}", r.BoundShare, "of wave");
        yield return new Row($"{name}: peak Functions instances", r.PeakInstances, "instances");
        yield return new Row($"{name}: peak storage account requests", r.PeakAccountShare, "of target");
        yield return new Row($"{name}: peak queue messages", r.PeakQueueShare, "of target");
        yield return new Row($"{name}: peak due-partition entities", r.PeakPartitionShare, "of target");
        yield return new Row($"{name}: longest a reveal waits in the queue", r.LongestRevealWaitSeconds / 60, "min");

        // The fastest wave storage and Functions allow (Twilio unlimited): what bounds it once senders are bought.
        var open = EveningModel.Run(setup with { SenderMps = Unlimited });
        yield return new Row($"{name}: unlimited senders: last question", open.LastQuestionSeconds / 60, "min");
        yield return new Row($"{name}: unlimited senders: bound: {open.Bound}", open.BoundShare, "of wave");
        yield return new Row($"{name}: unlimited senders: peak account requests", open.PeakAccountShare, "of target");
        yield return new Row($"{name}: unlimited senders: peak queue messages", open.PeakQueueShare, "of target");

        // Sizing for a 30-minute wave: the fewest storage accounts that allow it at all, then the fewest senders.
        var accounts = Enumerable.Range(1, 16).FirstOrDefault(n => EveningModel.Run(setup with { SenderMps = Unlimited, Accounts = n }).LastQuestionSeconds <= WindowSeconds);
        if (accounts == 0) throw new InvalidOperationException($"{name}: no number of storage accounts up to 16 fits the wave in {WindowSeconds / 60} minutes.");
        yield return new Row($"{name}: storage accounts for a 30-min wave", accounts, "accounts");
        yield return new Row($"{name}: short codes for a 30-min wave (100 MPS)", Senders(setup with { Accounts = accounts }, ShortCodeMps), "senders");
        yield return new Row($"{name}: or toll-free numbers (3 MPS)", Senders(setup with { Accounts = accounts }, TollFreeMps), "senders");
        yield return new Row($"{name}: or long codes (1 MPS)", Senders(setup with { Accounts = accounts }, LongCodeMps), "senders");
    }

    /// <summary>The fewest senders of <paramref name="mps"/> each that send the last question within the window:
    /// doubling, then bisection (the wave only shortens as senders are added).</summary>
    private static int Senders(EveningSetup setup, double mps)
    {
        bool Fits(int n) => EveningModel.Run(setup with { SenderMps = n * mps }).LastQuestionSeconds <= WindowSeconds;
        var high = 1;
        while (!Fits(high))
        {
            high *= 2;
            if (high > 1 << 20) throw new InvalidOperationException("No number of senders fits the wave: something else bounds it.");
        }
        var low = high / 2;
        while (high - low > 1)
        {
            var mid = (low + high) / 2;
            if (Fits(mid)) high = mid;
            else low = mid;
        }
        return high;
    }

    /// <summary>The model's totals must add up: every question sent, and the answers and reveals the curve promises.</summary>
    private static void Check(EveningResult r, int couples)
    {
        var questions = (double)couples * TextsPerCouple;
        var reveals = couples * AnswerRate * AnswerRate;
        var segments = (questions * QuestionSegments) + (2 * reveals * RevealSegments);
        void Near(string what, double value, double expected)
        {
            if (Math.Abs(value - expected) > 1 + (1e-6 * expected))
                throw new InvalidOperationException($"The evening model lost work: {what} {value:0.##}, expected {expected:0.##}.");
        }
        Near("questions sent", r.Questions, questions);
        Near("answers", r.Answers, questions * AnswerRate);
        Near("reveals", r.Reveals, reveals);
        Near("segments sent", r.Segments, segments);
        // The model's own count of operations must match what bench.sh fanout measured (3.33 per due couple).
        if (Math.Abs(r.RequestsPerDueCouple - 3.33) > 0.1)
            throw new InvalidOperationException($"The model counts {r.RequestsPerDueCouple:0.00} storage requests per due couple; bench.sh fanout measured 3.33.");
    }
}
