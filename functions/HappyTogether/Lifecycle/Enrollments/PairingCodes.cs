using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.Phones;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HappyTogether.Lifecycle.Enrollments;

/// <summary>A partner waiting to be paired: who gave out the code.</summary>
public sealed record WaitingPartner(string Phone, string Name);

/// <summary>
/// Pairing codes: someone signing up by SMS gets a 12-digit code, and their partner texts
/// "JOIN 1234 5678 9012" in themselves, so the service never has to text a number that did not ask.
/// A code lasts <see cref="Lifetime"/>. Every try is counted before the code is looked at, atomically:
/// <see cref="TriesPerDay"/> per number and day, and <see cref="HappyTogetherOptions.PairingTriesPerHour"/>
/// wrong ones an hour across all numbers. docs/PARTNERS.md works out why guessing cannot pay.
/// </summary>
public sealed partial class PairingCodes(Tables tables, NumberHash hash, IOptions<HappyTogetherOptions> options, TimeProvider clock, ILogger<PairingCodes> log)
{
    public const int Digits = 12;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(48);
    public const int TriesPerDay = 5;
    private const string Partition = "code";
    private const string BudgetPartition = "code-tries";

    /// <summary>A new code for <paramref name="phone"/>; the number is kept with it until it is used or
    /// expires.</summary>
    public async Task<string> CreateAsync(string phone, string name, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        while (true)
        {
            var code = string.Concat(Enumerable.Range(0, Digits / 6).Select(_ => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture)));
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

    /// <summary>The code as texted: "1234 5678 9012", easy to read back.</summary>
    public static string Display(string code) => string.Join(' ', code.Where(char.IsAsciiDigit).Chunk(4).Select(c => new string(c)));

    /// <summary>Reads "JOIN 1234 5678 9012" (any case, spaces, dashes or dots between digits); false for anything
    /// else.</summary>
    public static bool TryRead(string? body, out string code)
    {
        code = "";
        var match = JoinWithCode().Match((body ?? "").Trim());
        if (!match.Success) return false;
        code = new string(match.Groups[1].Value.Where(char.IsAsciiDigit).ToArray());
        return code.Length == Digits;
    }

    /// <summary>
    /// Who is waiting under <paramref name="code"/>, or null for a wrong or expired code, or when the
    /// sender's tries today or everyone's wrong tries this hour are spent (then no code matches).
    /// </summary>
    public async Task<WaitingPartner?> FindAsync(string code, string sender, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var day = DateKey.Of(DateOnly.FromDateTime(now.UtcDateTime));
        var hour = now.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        // Counted first, whatever the code: forty tries at once take forty turns, and only five get one.
        if (!await Counters.TryAddAsync(tables.SignUps, hash.Of(sender), $"tries|{day}", 1, TriesPerDay, now.AddDays(2), ct)) return null;
        if (!await Counters.TryAddAsync(tables.SignUps, BudgetPartition, hour, 1, options.Value.PairingTriesPerHour, now.AddDays(2), ct))
        {
            OpsMetrics.LimitReached("pairing");
            log.LogWarning("Pairing-code tries: this hour's budget of {Budget} wrong codes is spent; no code is accepted until the next hour.", options.Value.PairingTriesPerHour);
            return null;
        }

        var row = await tables.SignUps.GetEntityIfExistsAsync<TableEntity>(Partition, code, cancellationToken: ct);
        if (row.HasValue && row.Value!.GetDateTimeOffset("ExpiresUtc") > now && row.Value.GetString("Phone") != sender)
        {
            // The hour's budget is for wrong codes: a right one gives its turn back.
            await Counters.SubtractAsync(tables.SignUps, BudgetPartition, hour, 1, ct);
            return new WaitingPartner(row.Value.GetString("Phone"), row.Value.GetString("Name"));
        }
        return null;
    }

    public Task DeleteAsync(string code, CancellationToken ct = default) => tables.SignUps.DeleteEntityAsync(Partition, code, cancellationToken: ct);

    /// <summary>Uses the code up; false when someone else used it first (its row is gone).</summary>
    public async Task<bool> TryUseAsync(string code, CancellationToken ct = default)
    {
        try
        {
            // The SDK answers a delete of a missing row with its 404 response rather than an exception.
            return (await tables.SignUps.DeleteEntityAsync(Partition, code, ETag.All, ct)).Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    // JOIN, or its Spanish forms (keywords.es.json's signUp words), then the code.
    [GeneratedRegex(@"^(?:join|unirme|hola)\W*(\d(?:[\s.\-]*\d)*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JoinWithCode();
}
