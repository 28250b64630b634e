using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Couples;

// The phone index: row "phone" in each joined number's partition of the phones table names its couple.
public sealed partial class CoupleStore
{
    private const string PhoneRow = "phone";

    /// <summary>The couple and partner a number belongs to, or null.</summary>
    public async Task<(Couple Couple, Partner Partner)?> FindByPhoneAsync(string e164, CancellationToken ct = default)
    {
        if (await FindCoupleIdAsync(e164, ct) is not { } coupleId) return null;
        var couple = await GetAsync(coupleId, ct);
        return couple?.Partners.FirstOrDefault(p => p.Phone == e164) is { } partner ? (couple, partner) : null;
    }

    /// <summary>The id of the couple the phone index gives for a number (one point read), or null.</summary>
    public async Task<string?> FindCoupleIdAsync(string e164, CancellationToken ct = default)
    {
        // A sender that is no number may hold characters a key cannot.
        if (!TableKeys.IsValid(e164)) return null;
        var index = await ReadPhoneAsync(e164, ct);
        return index.HasValue ? index.Value!.GetString("CoupleId") : null;
    }

    /// <summary>Whether the number belongs to a couple that still exists (its owner texted in, joined it).</summary>
    public async Task<bool> IsClaimedAsync(string e164, CancellationToken ct = default) =>
        await FindCoupleIdAsync(e164, ct) is { } coupleId && await GetAsync(coupleId, ct) is { ErasingSinceUtc: null };

    /// <summary>
    /// Claims a number for a couple. False when a live couple already owns it; an index row left
    /// behind by an interrupted erase is taken over.
    /// </summary>
    public async Task<bool> TryClaimPhoneAsync(
        string e164, string coupleId, string partnerKey, CancellationToken ct = default)
    {
        var row = new TableEntity(e164, PhoneRow) { ["CoupleId"] = coupleId, ["Partner"] = partnerKey };
        try
        {
            await tables.Phones.AddEntityAsync(row, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await ReadPhoneAsync(e164, ct);
            if (!existing.HasValue) return await TryClaimPhoneAsync(e164, coupleId, partnerKey, ct);
            var owner = existing.Value!.GetString("CoupleId");
            if (owner == coupleId) return true;
            if (await GetAsync(owner, ct) is not null) return false;
            try
            {
                await tables.Phones.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException race) when (race.Status == 412)
            {
                return false;
            }
        }
    }

    /// <summary>Removes a number from the index if it still points at this couple.</summary>
    public async Task ReleasePhoneAsync(string e164, string coupleId, CancellationToken ct = default)
    {
        var existing = await ReadPhoneAsync(e164, ct);
        if (existing.HasValue && existing.Value!.GetString("CoupleId") == coupleId)
            await IgnoreMissing(tables.Phones.DeleteEntityAsync(e164, PhoneRow, existing.Value.ETag, ct));
    }

    private Task<NullableResponse<TableEntity>> ReadPhoneAsync(string e164, CancellationToken ct) =>
        tables.Phones.GetEntityIfExistsAsync<TableEntity>(e164, PhoneRow, cancellationToken: ct);

    private static async Task IgnoreMissing(Task<Response> delete)
    {
        try { await delete; }
        catch (RequestFailedException e) when (e.Status is 404 or 412) { }
    }
}
