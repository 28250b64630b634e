using HappyTogether.Consent;
using HappyTogether.Couples;
using HappyTogether.Enrolments;

namespace HappyTogether.LocalHost.Dev;

/// <summary>The couple the simulator page shows: enrolled and opted in at start-up (--demo), or found again if it exists.</summary>
public sealed class DemoCouple(Enrolment enrolment, CoupleStore couples, ConsentService consent, QueueWorker queue, ILogger<DemoCouple> log)
{
    public const string PhoneA = "+13125550101";
    public const string PhoneB = "+13125550102";

    public string? CoupleId { get; private set; }

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        if (await couples.FindByPhoneAsync(PhoneA, ct) is not { } found)
        {
            var result = await enrolment.EnrolAsync(new EnrolmentRequest(
                [new PartnerRequest("Ana", PhoneA, null), new PartnerRequest("Sam", PhoneB, null)], null, null, null, null), ct: ct);
            if (result is not EnrolmentResult.Enrolled) throw new InvalidOperationException($"The demo couple could not be enrolled: {result}");
            await queue.DrainAsync(ct);
            await consent.OptInAsync(PhoneA, "demo", ct);
            await consent.OptInAsync(PhoneB, "demo", ct);
            await queue.DrainAsync(ct);
            found = (await couples.FindByPhoneAsync(PhoneA, ct))!.Value;
            log.LogInformation("Enrolled and opted in the demo couple Ana and Sam.");
        }
        CoupleId = found.Couple.Id;
    }

    public async Task<Couple?> GetAsync(CancellationToken ct = default) => CoupleId is null ? null : await couples.GetAsync(CoupleId, ct);
}
