using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using HappyTogether.Phones;
using HappyTogether.Storage;

namespace HappyTogether.Enrolments;

/// <summary>A partner waiting to be paired: who gave out the code.</summary>
public sealed record WaitingPartner(string Phone, string Name);

/// <summary>
/// Pairing codes: someone signing up by SMS gets a six-digit code, and their partner texts "JOIN 123456"
/// in themselves, so the service never has to text a number that did not ask. A code lasts
/// <see cref="Lifetime"/>; each number may try <see cref="TriesPerDay"/> wrong codes a day, so codes
/// cannot be guessed.
/// </summary>
public sealed class PairingCodes(Tables tables, NumberHash hash, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public const int TriesPerDay = 5;
    private const string Partition = "code";

    /// <summary>A new code for <paramref name="phone"/>; the number is kept with it until it is used or expires.</summary>
    public async Task<string> CreateAsync(string phone, string name, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        while (true)
        {
            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                await tables.SignUps.AddEntityAsync(new TableEntity(Partition, code) { ["Phone"] = phone, ["Name"] = name, ["ExpiresUtc"] = now + Lifetime }, ct);
                return code;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Taken by another waiting partner: draw again.
            }
        }
    }

    /// <summary>
    /// Who is waiting under <paramref name="code"/>, or null for a wrong or expired code; a wrong one
    /// counts against <paramref name="sender"/>'s tries, and once those are spent no code matches today.
    /// </summary>
    public async Task<WaitingPartner?> FindAsync(string code, string sender, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var key = hash.Of(sender);
        var triesRow = $"tries|{DateKey.Of(DateOnly.FromDateTime(now.UtcDateTime))}";
        var tries = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(key, triesRow, cancellationToken: ct);
        var used = tries.HasValue ? tries.Value!.GetInt32("Count") ?? 0 : 0;
        if (used >= TriesPerDay) return null;

        var row = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(Partition, code, cancellationToken: ct);
        if (row.HasValue && row.Value!.GetDateTimeOffset("ExpiresUtc") > now && row.Value.GetString("Phone") != sender)
            return new WaitingPartner(row.Value.GetString("Phone"), row.Value.GetString("Name"));
        await tables.SignUps.UpsertEntityAsync(new TableEntity(key, triesRow) { ["Count"] = used + 1, ["ExpiresUtc"] = now.AddDays(2) }, TableUpdateMode.Replace, ct);
        return null;
    }

    public Task DeleteAsync(string code, CancellationToken ct = default) => tables.SignUps.DeleteEntityAsync(Partition, code, cancellationToken: ct);
}
