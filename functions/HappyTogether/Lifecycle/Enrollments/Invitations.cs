using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;

namespace HappyTogether.Lifecycle.Enrollments;

/// <summary>An invitation that reached its number and still waits for an answer.</summary>
public sealed record OpenInvitation(Couple Couple, Partner Invitee)
{
    /// <summary>The partner on the other side: the one who signed up, or whom the operator named with them.</summary>
    public Partner Inviter => Couple.Other(Invitee);
}

/// <summary>
/// The invitations a number may answer YES to. A row in the <see cref="InvitationIndex"/> is written
/// when the invitation is queued; it counts only once the invitation's own record shows that the text
/// went out to this number, and while the couple still names the number as a partner who has not
/// answered. So nobody joins a couple through an invitation that a limit held back, or that never left.
/// </summary>
public sealed class Invitations(InvitationIndex index, CoupleStore couples, HistoryStore history)
{
    public async Task<IReadOnlyList<OpenInvitation>> OpenForAsync(string e164, CancellationToken ct = default)
    {
        var open = new List<OpenInvitation>();
        foreach (var row in await index.ForAsync(e164, ct))
        {
            var couple = await couples.GetAsync(row.CoupleId, ct);
            if (couple is null)
            {
                await index.RemoveAsync(e164, row.CoupleId, ct);
                continue;
            }
            var invitee = couple.Partners.FirstOrDefault(p => p.Key == row.PartnerKey);
            if (couple.ErasingSinceUtc is not null || invitee is not { Consent: ConsentState.Invited } || invitee.Phone != e164) continue;
            var sent = await history.GetOutboundAsync(couple.Id, row.Date, TextKind.Invitation, invitee.Key, ct);
            if (sent is { Sid: not null } && sent.Status is not (OutboundStatus.Failed or "undelivered"))
                open.Add(new OpenInvitation(couple, invitee));
        }
        return open;
    }
}
