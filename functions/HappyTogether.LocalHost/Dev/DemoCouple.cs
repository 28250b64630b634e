using HappyTogether.Lifecycle.Consent;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.Model.Couples;

namespace HappyTogether.LocalHost.Dev;

/// <summary>The couple the simulator page shows, a long-distance one: enrolled and opted in at start-up (--demo), or
/// found again if it exists.</summary>
public sealed class DemoCouple(Enrollment enrollment, CoupleStore couples, ConsentService consent, QueueTriggerHost queue, ILogger<DemoCouple> log)
{
    public const string PhoneA = "+13125550101";
    public const string PhoneB = "+13125550102";

    /// <summary>Ana lives in Chicago and Sam in London: the page shows each phone in its own time.</summary>
    public const string DemoZoneA = "America/Chicago";

    /// <summary>Sam's zone, six hours ahead of Ana's in winter.</summary>
    public const string DemoZoneB = "Europe/London";

    public string? CoupleId { get; private set; }

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        if (await couples.FindByPhoneAsync(PhoneA, ct) is not { } found)
        {
            var result = await enrollment.EnrollAsync(new EnrollmentRequest(
                [new PartnerRequest("Ana", PhoneA, DemoZoneA), new PartnerRequest("Sam", PhoneB, DemoZoneB)], null, null, null, null), ct: ct);
            if (result is not EnrollmentResult.Enrolled) throw new InvalidOperationException($"The demo couple could not be enrolled: {result}");
            await queue.DrainAsync(ct: ct);
            // Both say YES at once, before their invitations would wait for their mornings: each claims their own
            // number.
            var couple = ((EnrollmentResult.Enrolled)result).Couple;
            foreach (var partner in couple.Partners)
            {
                await couples.TryClaimPhoneAsync(partner.Phone, couple.Id, partner.Key, ct);
                await consent.OptInAsync(partner.Phone, "demo", ct);
            }
            await queue.DrainAsync(ct: ct);
            found = (await couples.FindByPhoneAsync(PhoneA, ct))!.Value;
            log.LogInformation("Enrolled and opted in the demo couple Ana and Sam.");
        }
        CoupleId = found.Couple.Id;
    }

    public async Task<Couple?> GetAsync(CancellationToken ct = default) => CoupleId is null ? null : await couples.GetAsync(CoupleId, ct);
}
