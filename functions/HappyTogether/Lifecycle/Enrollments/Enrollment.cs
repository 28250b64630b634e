using System.Globalization;
using System.Security.Cryptography;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Text;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Model.Suppression;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HappyTogether.Lifecycle.Enrollments;

/// <summary>A partner as the admin API receives them.</summary>
/// <param name="Language">"en" or "es"; when not given, the invitation speaks both and the partner's answer decides.</param>
public sealed record PartnerRequest(string? Name, string? Phone, string? TimeZone, string? Language = null);

/// <summary>The admin API's enrollment request.</summary>
public sealed record EnrollmentRequest(
    IReadOnlyList<PartnerRequest?>? Partners,
    string? TimeZone,
    string? MorningTime,
    string? EveningTime,
    string? InvitedBy,
    bool OverrideSuppression = false);

/// <summary>Outcome of an enrollment.</summary>
public abstract record EnrollmentResult
{
    private EnrollmentResult() { }

    /// <summary>Stored, with the invitations queued; only a partner who texted in has their number claimed.</summary>
    public sealed record Enrolled(Couple Couple) : EnrollmentResult;

    /// <summary>The request is malformed; <see cref="Field"/> names what to fix.</summary>
    public sealed record Invalid(string Field, string Detail) : EnrollmentResult;

    /// <summary>A phone number already belongs to a couple, or (admin API) asked to stop.</summary>
    public sealed record Conflict(string Field, string Detail) : EnrollmentResult;
}

/// <summary>
/// Enrolls couples: validates, stores the couple and queues the invitations. A couple is formed only by
/// two people who each texted in: the invitee's YES to an invitation that reached them (see
/// <see cref="Invitations"/>) claims their number. A number on the suppression list is never invited
/// unless the operator overrides it; a couple someone has not accepted within <see cref="AcceptWithin"/>
/// is swept away (<see cref="UnacceptedSweep"/>).
/// </summary>
public sealed class Enrollment(
    CoupleStore couples,
    PhoneNumberReader phones,
    OutboundQueue queue,
    SuppressionList suppressed,
    InvitationLimits limits,
    PendingCouples pending,
    InvitationIndex invitations,
    TimeProvider clock,
    IOptions<HappyTogetherOptions> options,
    ILogger<Enrollment> log)
{
    public const int MaxNameLength = 20;
    public static readonly TimeOnly DefaultMorning = new(8, 0);
    public static readonly TimeOnly DefaultEvening = new(20, 30);

    /// <summary>How long an invitation stays open.</summary>
    public static readonly TimeSpan AcceptWithin = TimeSpan.FromDays(7);

    /// <param name="request">The couple.</param>
    /// <param name="initiatedBy">Key of a partner who signed up by SMS: they texted in, so their number is theirs at
    /// once; they confirm with YES and get no invitation.</param>
    /// <param name="limited">The invitation goes to a number that never texted in: it counts against <see
    /// cref="InvitationLimits"/>, and is not sent when they say no.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<EnrollmentResult> EnrollAsync(EnrollmentRequest request, string? initiatedBy = null, bool limited = false, CancellationToken ct = default)
    {
        var (couple, problem) = Validate(request, initiatedBy);
        if (problem is not null) return problem;

        // Naming a number claims nothing: only its owner's own YES does. A number that belongs to a
        // couple, or asked to stop, is never invited; by SMS the sign-up goes on all the same, so the
        // inviter cannot tell, while the operator is told (409) and may override a stop on purpose.
        var named = new List<(Partner Partner, bool Invitable)>();
        foreach (var partner in couple!.Partners.Where(p => p.Key != initiatedBy))
        {
            var field = $"partners[{(partner.Key == Couple.PartnerA ? 0 : 1)}].phone";
            var member = await couples.IsClaimedAsync(partner.Phone, ct);
            var stopped = await suppressed.ContainsAsync(partner.Phone, ct);
            if (initiatedBy is null && member)
                return new EnrollmentResult.Conflict(field, "This phone number already belongs to an enrolled couple.");
            if (initiatedBy is null && stopped && !request.OverrideSuppression)
                return new EnrollmentResult.Conflict(field, "This number asked to stop texts. Set overrideSuppression only if its owner asked you to invite them again.");
            if (stopped && !member && request.OverrideSuppression)
                log.LogWarning("Operator override: couple {CoupleId} partner {Partner} is invited although the number asked to stop.", couple.Id, partner.Key);
            named.Add((partner, !member && (!stopped || request.OverrideSuppression)));
        }
        if (initiatedBy is not null && !await couples.TryClaimPhoneAsync(couple[initiatedBy].Phone, couple.Id, initiatedBy, ct))
            return new EnrollmentResult.Conflict("partners", "The number that signed up already belongs to a couple.");

        await couples.AddAsync(couple, ct);
        await pending.AddAsync(couple, ct);

        var initiator = initiatedBy is null ? null : couple[initiatedBy];
        var today = ZoneTime.LocalDate(couple.CreatedUtc, TimeZoneInfo.FindSystemTimeZoneById(couple.TimeZone));
        var invited = new List<string>();
        foreach (var (partner, invitable) in named)
        {
            // Every number named takes its turn under the limits, invited or not: a limit spent only on
            // free numbers would tell the inviter, through their next sign-ups, which numbers are taken.
            if (limited && !await limits.TryTakeAsync(initiator!.Phone, partner.Phone, ct)) continue;
            if (!invitable) continue;
            // Written before the text goes out; it counts only once the invitation's record shows it sent
            // (Invitations).
            await invitations.AddAsync(partner.Phone, new InvitationRow(couple.Id, partner.Key, today), ct);
            invited.Add(partner.Key);
        }
        if (invited.Count > 0) await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.Invitation, today, invited), ct);
        log.LogInformation("Enrolled couple {CoupleId} ({PhoneA}, {PhoneB}); {Invitations} invitations queued.",
            couple.Id, PhoneMask.Mask(couple.A.Phone), PhoneMask.Mask(couple.B.Phone), invited.Count);
        return new EnrollmentResult.Enrolled(couple);
    }

    private (Couple? Couple, EnrollmentResult.Invalid? Problem) Validate(EnrollmentRequest request, string? initiatedBy)
    {
        static (Couple?, EnrollmentResult.Invalid?) Fail(string field, string detail) => (null, new EnrollmentResult.Invalid(field, detail));

        if (request.Partners is not { Count: 2 })
            return Fail("partners", "Give exactly two partners, each with a name and a phone number.");

        if (!ZoneNames.TryNormalize(request.TimeZone ?? options.Value.DefaultTimeZone, out var coupleZone))
            return Fail("timeZone", $"'{request.TimeZone}' is not a known IANA time zone, e.g. America/Chicago or Europe/Berlin.");
        if (!TryTime(request.MorningTime, DefaultMorning, out var morning))
            return Fail("morningTime", $"Give a time between {WakingWindow.Start:HH:mm} and {WakingWindow.End:HH:mm} as HH:mm, e.g. 08:00.");
        if (!TryTime(request.EveningTime, DefaultEvening, out var evening))
            return Fail("eveningTime", $"Give a time between {WakingWindow.Start:HH:mm} and {WakingWindow.End:HH:mm} as HH:mm, e.g. 20:30.");
        if (morning >= evening)
            return Fail("eveningTime", "The evening time must be later than the morning time.");
        if (request.InvitedBy is { Length: > ProgramTexts.MaxInvitedByLength })
            return Fail("invitedBy", $"Keep invitedBy to {ProgramTexts.MaxInvitedByLength} characters.");

        var partners = new List<Partner>();
        for (var i = 0; i < 2; i++)
        {
            var p = request.Partners[i];
            var field = $"partners[{i}]";
            if (p is null) return Fail(field, "Give a name and a phone number.");
            var name = p.Name?.Trim();
            if (string.IsNullOrEmpty(name)) return Fail($"{field}.name", "A first name is required.");
            if (name.Length > MaxNameLength) return Fail($"{field}.name", $"Keep the name to {MaxNameLength} characters.");
            if (!phones.TryNormalize(p.Phone, out var e164))
                return Fail($"{field}.phone", $"'{p.Phone}' is not a valid phone number; include the country code, e.g. +1 312 555 0123.");
            if (partners.Any(other => other.Phone == e164))
                return Fail($"{field}.phone", "The two partners need different phone numbers.");
            var zone = coupleZone;
            if (p.TimeZone is not null && !ZoneNames.TryNormalize(p.TimeZone, out zone))
                return Fail($"{field}.timeZone", $"'{p.TimeZone}' is not a known IANA time zone, e.g. America/Chicago or Europe/Berlin.");
            if (p.Language is not null && !Languages.All.Contains(p.Language))
                return Fail($"{field}.language", $"'{p.Language}' is not a language the texts are written in ({string.Join(", ", Languages.All)}).");
            partners.Add(new Partner
            {
                Key = i == 0 ? Couple.PartnerA : Couple.PartnerB,
                Name = name,
                Phone = e164,
                TimeZone = zone,
                MorningTime = morning,
                EveningTime = evening,
                Language = p.Language,
            });
        }

        return (new Couple
        {
            Id = NewId(),
            CreatedUtc = clock.GetUtcNow(),
            TimeZone = coupleZone,
            InvitedBy = string.IsNullOrWhiteSpace(request.InvitedBy) ? null : request.InvitedBy.Trim(),
            InitiatedBy = initiatedBy,
            A = partners[0],
            B = partners[1],
        }, null);
    }

    /// <summary>Reads HH:mm inside the waking window; a missing value takes the default.</summary>
    public static bool TryTime(string? text, TimeOnly fallback, out TimeOnly time)
    {
        time = fallback;
        if (text is null) return true;
        return TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            && WakingWindow.Contains(time);
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
