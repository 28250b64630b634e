using System.Globalization;
using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Couples;

/// <summary>
/// Couples, their consent log and the phone index in Table Storage. A couple's profile is the
/// "couple" row of its history partition, so one range query can read it with its recent history.
/// </summary>
public sealed class CoupleStore(Tables tables)
{
    /// <summary>The row key of a couple's profile in its history partition.</summary>
    public const string ProfileRow = "couple";

    private const string PhoneRow = "phone";

    /// <summary>Stored for a setting turned off, so that a missing column keeps meaning the default.</summary>
    private const string Off = "off";

    public async Task<Couple?> GetAsync(string coupleId, CancellationToken ct = default)
    {
        // An id from a URL that cannot be a key names no couple (Table Storage would answer 400).
        if (!TableKeys.IsValid(coupleId)) return null;
        var row = await tables.History.GetEntityIfExistsAsync<TableEntity>(coupleId, ProfileRow, cancellationToken: ct);
        if (row.HasValue) return FromRow(row.Value!);
        return await MoveFromLegacyAsync(coupleId, ct) ? await GetAsync(coupleId, ct) : null;
    }

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
        var index = await tables.Phones.GetEntityIfExistsAsync<TableEntity>(e164, PhoneRow, cancellationToken: ct);
        return index.HasValue ? index.Value!.GetString("CoupleId") : null;
    }

    /// <summary>Whether the number belongs to a couple that still exists (its owner texted in and joined it).</summary>
    public async Task<bool> IsClaimedAsync(string e164, CancellationToken ct = default) =>
        await FindCoupleIdAsync(e164, ct) is { } coupleId && await GetAsync(coupleId, ct) is { ErasingSinceUtc: null };

    /// <summary>
    /// Moves a couple's profile, consent log and rotation from the table they lived in before
    /// (<see cref="Tables.LegacyCouples"/>) into its history partition, the profile in the last
    /// transaction so that a move cut short is made again on the next read; then removes the old rows.
    /// False when there is nothing to move.
    /// </summary>
    private async Task<bool> MoveFromLegacyAsync(string coupleId, CancellationToken ct)
    {
        // The old table exists: start-up creates every table, that one included.
        var rows = new List<TableEntity>();
        await foreach (var row in tables.LegacyCouples.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {coupleId}"), cancellationToken: ct))
            rows.Add(row);
        if (!rows.Any(r => r.RowKey == ProfileRow)) return false;
        var ordered = rows.OrderBy(r => r.RowKey == ProfileRow).ToList();
        foreach (var chunk in ordered.Chunk(TableBatches.MaxBatch))
        {
            var actions = chunk.Select(r => new TableTransactionAction(
                r.RowKey == ProfileRow ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace, Copy(r)));
            try
            {
                await tables.History.SubmitTransactionAsync(actions, ct);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // Another read moved it at the same moment.
            }
        }
        await TableBatches.DeleteRowsAsync(tables.LegacyCouples, coupleId, rows.Select(r => r.RowKey), ct);
        return true;
    }

    private static TableEntity Copy(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (key, value) in row)
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp") && !key.StartsWith("odata.", StringComparison.Ordinal))
                copy[key] = value;
        return copy;
    }

    /// <summary>
    /// Claims a number for a couple. False when a live couple already owns it; an index row left
    /// behind by an interrupted erase is taken over.
    /// </summary>
    public async Task<bool> TryClaimPhoneAsync(string e164, string coupleId, string partnerKey, CancellationToken ct = default)
    {
        var row = new TableEntity(e164, PhoneRow) { ["CoupleId"] = coupleId, ["Partner"] = partnerKey };
        try
        {
            await tables.Phones.AddEntityAsync(row, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await tables.Phones.GetEntityIfExistsAsync<TableEntity>(e164, PhoneRow, cancellationToken: ct);
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
        var existing = await tables.Phones.GetEntityIfExistsAsync<TableEntity>(e164, PhoneRow, cancellationToken: ct);
        if (existing.HasValue && existing.Value!.GetString("CoupleId") == coupleId)
            await IgnoreMissing(tables.Phones.DeleteEntityAsync(e164, PhoneRow, existing.Value.ETag, ct));
    }

    public async Task AddAsync(Couple couple, CancellationToken ct = default)
    {
        var response = await tables.History.AddEntityAsync(ToEntity(couple), ct);
        couple.ETag = response.Headers.ETag?.ToString() ?? "";
    }

    /// <summary>Saves the couple if nobody changed it since it was read; throws a 412 otherwise.</summary>
    public async Task UpdateAsync(Couple couple, CancellationToken ct = default)
    {
        var response = await tables.History.UpdateEntityAsync(ToEntity(couple), new ETag(couple.ETag), TableUpdateMode.Replace, ct);
        couple.ETag = response.Headers.ETag?.ToString() ?? "";
    }

    /// <summary>
    /// Reads the couple, applies <paramref name="change"/> and saves it, reading again if someone else
    /// saved in between. The change returns false to save nothing. Null when the couple is gone.
    /// </summary>
    public async Task<Couple?> MutateAsync(string coupleId, Func<Couple, bool> change, CancellationToken ct = default)
    {
        while (true)
        {
            var couple = await GetAsync(coupleId, ct);
            if (couple is null || !change(couple) || await TrySaveAsync(couple, ct)) return couple;
            // Changed concurrently: apply the change to the fresh copy.
        }
    }

    /// <summary>
    /// As <see cref="MutateAsync(string, Func{Couple, bool}, CancellationToken)"/>, starting from a copy
    /// of <paramref name="read"/>, which this request has already read: no second read unless someone
    /// else saved since. <paramref name="read"/> itself is left as it was.
    /// </summary>
    public async Task<Couple?> MutateAsync(Couple read, Func<Couple, bool> change, CancellationToken ct = default)
    {
        if (read.ETag.Length > 0)
        {
            var copy = FromRow(ToEntity(read));
            copy.ETag = read.ETag;
            if (!change(copy) || await TrySaveAsync(copy, ct)) return copy;
        }
        // Changed or erased since it was read, or never read from storage: start again from what is stored.
        return await MutateAsync(read.Id, change, ct);
    }

    /// <summary>Saves the couple unless it changed or went since it was read (false: read it again).</summary>
    private async Task<bool> TrySaveAsync(Couple couple, CancellationToken ct)
    {
        try
        {
            await UpdateAsync(couple, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Appends to the couple's consent log (when, how, and the text the person agreed to); a retry of the same change at the same instant writes the same row again.</summary>
    public Task AddConsentRecordAsync(string coupleId, string partnerKey, ConsentState state, string method, string disclosure, DateTimeOffset utc, CancellationToken ct = default) =>
        tables.History.UpsertEntityAsync(
            new TableEntity(coupleId, $"consent|{partnerKey}|{utc.UtcTicks:D19}|{state}")
            {
                ["Partner"] = partnerKey,
                ["State"] = state.ToString(),
                ["Method"] = method,
                ["Disclosure"] = disclosure,
                ["AtUtc"] = utc,
            },
            TableUpdateMode.Replace,
            ct);

    public async Task<IReadOnlyList<TableEntity>> ReadConsentLogAsync(string coupleId, CancellationToken ct = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {coupleId} and RowKey ge {"consent|"} and RowKey lt {"consent}"}");
        var rows = new List<TableEntity>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    /// <summary>Deletes what is left of the couple's partition (erasure deletes the history first, the profile last), and any rows not yet moved from the old table.</summary>
    public async Task DeleteAllAsync(string coupleId, CancellationToken ct = default)
    {
        await TableBatches.DeletePartitionAsync(tables.History, coupleId, ct: ct);
        await TableBatches.DeletePartitionAsync(tables.LegacyCouples, coupleId, ct: ct);
    }

    private static async Task IgnoreMissing(Task<Response> delete)
    {
        try { await delete; }
        catch (RequestFailedException e) when (e.Status is 404 or 412) { }
    }

    private static TableEntity ToEntity(Couple c)
    {
        var e = new TableEntity(c.Id, ProfileRow)
        {
            ["CreatedUtc"] = c.CreatedUtc,
            ["TimeZone"] = c.TimeZone,
            ["InvitedBy"] = c.InvitedBy,
            ["InitiatedBy"] = c.InitiatedBy,
            ["ErasingSinceUtc"] = c.ErasingSinceUtc,
            ["Apart"] = c.Apart,
            ["Cadence"] = c.Cadence.ToString(),
            ["CadenceFrom"] = DateKey.Of(c.CadenceFrom),
            ["CadenceSetBy"] = c.CadenceSetBy,
            ["AppreciationDay"] = c.AppreciationDay?.ToString() ?? Off,
            ["Anniversary"] = c.Anniversary?.ToString(),
            ["AnniversarySetBy"] = c.AnniversarySetBy,
        };
        foreach (var p in c.Partners)
        {
            var k = p.Key.ToUpperInvariant();
            e[k + "Name"] = p.Name;
            e[k + "Phone"] = p.Phone;
            e[k + "TimeZone"] = p.TimeZone;
            e[k + "Morning"] = p.MorningTime.ToString("HH:mm");
            e[k + "Evening"] = p.EveningTime.ToString("HH:mm");
            e[k + "Consent"] = p.Consent.ToString();
            e[k + "ConsentUtc"] = p.ConsentChangedUtc;
            e[k + "ConsentMethod"] = p.ConsentMethod;
            e[k + "ShareOff"] = p.ShareOff;
            e[k + "NudgeOff"] = p.NudgeOff;
            e[k + "NudgedOn"] = DateKey.Of(p.NudgedOn);
            e[k + "PausedUntil"] = DateKey.Of(p.PausedUntil);
            e[k + "SkipDate"] = DateKey.Of(p.SkipDate);
            e[k + "DeleteRequestedUtc"] = p.DeleteRequestedUtc;
            e[k + "RecapDay"] = p.RecapDay.ToString();
            e[k + "RecapTime"] = p.RecapTime.ToString("HH:mm", CultureInfo.InvariantCulture);
            e[k + "CareShownOn"] = DateKey.Of(p.CareShownOn);
            e[k + "Birthday"] = p.Birthday?.ToString();
            e[k + "CadenceOfferedOn"] = DateKey.Of(p.CadenceOfferedOn);
            e[k + "NotesFullOn"] = DateKey.Of(p.NotesFullOn);
        }
        return e;
    }

    private static DateOnly? ReadDate(string? text) =>
        text is null ? null : DateKey.Parse(text);

    /// <summary>A couple from its profile row, as a point read or a range query over its partition returns it.</summary>
    public static Couple FromRow(TableEntity e)
    {
        Partner Read(string key)
        {
            var k = key.ToUpperInvariant();
            return new Partner
            {
                Key = key,
                Name = e.GetString(k + "Name"),
                Phone = e.GetString(k + "Phone"),
                TimeZone = e.GetString(k + "TimeZone"),
                MorningTime = TimeOnly.Parse(e.GetString(k + "Morning")),
                EveningTime = TimeOnly.Parse(e.GetString(k + "Evening")),
                Consent = Enum.Parse<ConsentState>(e.GetString(k + "Consent")),
                ConsentChangedUtc = e.GetDateTimeOffset(k + "ConsentUtc"),
                ConsentMethod = e.GetString(k + "ConsentMethod"),
                ShareOff = e.GetBoolean(k + "ShareOff") ?? false,
                NudgeOff = e.GetBoolean(k + "NudgeOff") ?? false,
                NudgedOn = ReadDate(e.GetString(k + "NudgedOn")),
                PausedUntil = ReadDate(e.GetString(k + "PausedUntil")),
                SkipDate = ReadDate(e.GetString(k + "SkipDate")),
                DeleteRequestedUtc = e.GetDateTimeOffset(k + "DeleteRequestedUtc"),
                RecapDay = e.GetString(k + "RecapDay") is { } day ? Enum.Parse<DayOfWeek>(day) : Partner.DefaultRecapDay,
                RecapTime = e.GetString(k + "RecapTime") is { } recap ? TimeOnly.ParseExact(recap, "HH:mm", CultureInfo.InvariantCulture) : Partner.DefaultRecapTime,
                CareShownOn = ReadDate(e.GetString(k + "CareShownOn")),
                Birthday = MonthDay.Parse(e.GetString(k + "Birthday")),
                CadenceOfferedOn = ReadDate(e.GetString(k + "CadenceOfferedOn")),
                NotesFullOn = ReadDate(e.GetString(k + "NotesFullOn")),
            };
        }

        return new Couple
        {
            Id = e.PartitionKey,
            CreatedUtc = e.GetDateTimeOffset("CreatedUtc")!.Value,
            TimeZone = e.GetString("TimeZone"),
            InvitedBy = e.GetString("InvitedBy"),
            InitiatedBy = e.GetString("InitiatedBy"),
            ErasingSinceUtc = e.GetDateTimeOffset("ErasingSinceUtc"),
            Apart = e.GetBoolean("Apart"),
            Cadence = e.GetString("Cadence") is { } cadence ? Enum.Parse<Cadence>(cadence) : Cadence.Daily,
            CadenceFrom = ReadDate(e.GetString("CadenceFrom")) ?? default,
            CadenceSetBy = e.GetString("CadenceSetBy"),
            AppreciationDay = e.GetString("AppreciationDay") switch { null => Rhythm.DefaultAppreciationDay, Off => null, var day => Enum.Parse<DayOfWeek>(day) },
            Anniversary = MonthDay.Parse(e.GetString("Anniversary")),
            AnniversarySetBy = e.GetString("AnniversarySetBy"),
            A = Read(Couple.PartnerA),
            B = Read(Couple.PartnerB),
            ETag = e.ETag.ToString(),
        };
    }
}
