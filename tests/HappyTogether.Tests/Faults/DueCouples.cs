using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Faults;

/// <summary>Opted-in couples in Chicago written straight to storage, armed from a given time: fast set-up for many
/// couples.</summary>
public static class DueCouples
{
    /// <summary>Tuesday 2027-01-05, 20:30 in Chicago: the evening question is due.</summary>
    public static readonly DateTimeOffset Evening = new(2027, 1, 6, 2, 30, 0, TimeSpan.Zero);

    /// <summary>Enrolls couples the real way (invitation, YES from both), then sends them the evening question at <see
    /// cref="Evening"/>.</summary>
    public static Task<List<Couple>> EnrollAndAskAsync(TestApp app, int count) =>
        EnrollAndAskAsync(app, Enumerable.Range(0, count).Select(i => ($"+1312555{i:D4}", $"+1773555{i:D4}")));

    /// <summary>The same, with the partners' phone numbers given.</summary>
    public static async Task<List<Couple>> EnrollAndAskAsync(TestApp app, IEnumerable<(string A, string B)> phones)
    {
        var couples = new List<Couple>();
        foreach (var (a, b) in phones) couples.Add(await app.EnrollOptedInAsync(a, b));
        app.Clock.SetUtcNow(Evening);
        await app.Get<Scheduler>().RunAsync();
        await app.DrainQueueAsync();
        return couples;
    }

    public static async Task<List<Couple>> SeedAsync(TestApp app, int count, DateTimeOffset armedFrom, string prefix = "due")
    {
        var couples = Enumerable.Range(0, count).Select(i => new Couple
        {
            Id = $"{prefix}{i:D5}",
            CreatedUtc = armedFrom.AddDays(-3),
            TimeZone = "America/Chicago",
            A = new Partner { Key = "a", Name = "Ana", Phone = $"+1312{i:D7}", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30), Consent = ConsentState.OptedIn },
            B = new Partner { Key = "b", Name = "Sam", Phone = $"+1773{i:D7}", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30), Consent = ConsentState.OptedIn },
        }).ToList();
        await Parallel.ForEachAsync(couples, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (couple, ct) => await app.Get<CoupleStore>().AddAsync(couple, ct));
        await app.Get<DueIndex>().ArmNewAsync(couples.SelectMany(c => c.Partners.SelectMany(p => new[] { Slot.Morning, Slot.Evening }.Select(slot =>
        {
            var time = slot == Slot.Morning ? p.MorningTime : p.EveningTime;
            var due = ZoneTime.NextOccurrence(armedFrom, time, p.Zone);
            return new DueSlot(c.Id, p.Key, slot, due, ZoneTime.LocalDate(due, p.Zone), p.TimeZone, time);
        }))));
        return couples;
    }
}
