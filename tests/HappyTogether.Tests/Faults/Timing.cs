using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Tests.Faults;

/// <summary>The clock invariants: waking hours for everything that is not a reply, and one scheduled text per
/// slot.</summary>
public static class Timing
{
    // The window as DESIGN.md states it, kept apart from the product's WakingWindow so a change there cannot move the
    // goalposts.
    private static readonly TimeOnly Wake = new(7, 0);
    private static readonly TimeOnly Sleep = new(21, 30);

    private static bool IsScheduled(string kind) => kind is TextKind.Morning or TextKind.Evening or TextKind.Recap;

    public static IEnumerable<string> Violations(CoupleSimulation simulation)
    {
        foreach (var text in simulation.Sent)
        {
            // Every text that is not a direct reply (scheduled, reveals, reactions, notices, invitations, the
            // farewell) only inside the recipient's waking hours, in their zone at that moment. The
            // confirmation answers the YES just sent, so it is a reply too.
            var local = ZoneTime.ToLocal(text.Utc, simulation.ZoneOf(text));
            if (text.Kind is not ("reply" or TextKind.Confirmation) && TimeOnly.FromDateTime(local) is var time && (time < Wake || time > Sleep))
                yield return $"waking hours: step {text.Step}: {text.Kind} to {text.To} at {local:ddd HH:mm:ss} local ({simulation.ZoneOf(text).Id})";
        }

        // One text per slot: kind, local date, recipient and couple.
        foreach (var twice in simulation.Sent.Where(t => IsScheduled(t.Kind))
                     .GroupBy(t => (t.Kind, Date: ZoneTime.LocalDate(t.Utc, simulation.ZoneOf(t)), t.To, t.CoupleId))
                     .Where(g => g.Count() > 1))
            yield return $"twice: {twice.Key.Kind} {twice.Key.Date:yyyy-MM-dd} to {twice.Key.To}: steps {string.Join(", ", twice.Select(t => t.Step))}";
    }
}
