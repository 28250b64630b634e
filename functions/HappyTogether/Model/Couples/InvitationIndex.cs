using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Couples;

/// <summary>An invitation waiting for its answer: the couple that named the number, the partner it names, and the night
/// its text is recorded under.</summary>
public sealed record InvitationRow(string CoupleId, string PartnerKey, DateOnly Date);

/// <summary>
/// Invitations by the number they went to, beside the phone index: rows "invitation|{coupleId}" in the
/// number's partition. Naming a number writes only this; it claims nothing, so the number stays free to
/// sign up or join someone else. Only the invitee's own YES turns one into a claim.
/// </summary>
public sealed class InvitationIndex(Tables tables)
{
    private const string Prefix = "invitation|";

    public Task AddAsync(string e164, InvitationRow invitation, CancellationToken ct = default) =>
        tables.Phones.UpsertEntityAsync(
            new TableEntity(e164, Prefix + invitation.CoupleId) { ["Partner"] = invitation.PartnerKey, ["Date"] = DateKey.Of(invitation.Date) },
            TableUpdateMode.Replace, ct);

    /// <summary>Every invitation recorded for the number (one range query of its partition).</summary>
    public async Task<IReadOnlyList<InvitationRow>> ForAsync(string e164, CancellationToken ct = default)
    {
        if (!TableKeys.IsValid(e164)) return [];
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {e164} and RowKey ge {Prefix} and RowKey lt {"invitation}"}");
        var rows = new List<InvitationRow>();
        await foreach (var row in tables.Phones.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            rows.Add(new InvitationRow(row.RowKey[Prefix.Length..], row.GetString("Partner"), DateKey.Parse(row.GetString("Date"))));
        return rows;
    }

    public async Task RemoveAsync(string e164, string coupleId, CancellationToken ct = default)
    {
        if (!TableKeys.IsValid(e164)) return;
        try
        {
            await tables.Phones.DeleteEntityAsync(e164, Prefix + coupleId, cancellationToken: ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Removed already.
        }
    }

    /// <summary>Removes every invitation to the number (it said no, or it joined a couple); returns those it
    /// removed.</summary>
    public async Task<IReadOnlyList<InvitationRow>> RemoveAllAsync(string e164, CancellationToken ct = default)
    {
        var invitations = await ForAsync(e164, ct);
        foreach (var invitation in invitations) await RemoveAsync(e164, invitation.CoupleId, ct);
        return invitations;
    }
}
