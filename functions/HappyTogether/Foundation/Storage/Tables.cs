using Azure.Data.Tables;
using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;

namespace HappyTogether.Foundation.Storage;

/// <summary>
/// The app's tables. Layout:
/// history  PK coupleId: everything of one couple, so one range query reads what a text needs. RK "{local
/// date}|{kind}|{partner}[|{id}]"          (time-ordered texts in and out), "{local date}|reply|{sid}" (the reply to an
/// inbound text), "{local date}|first" (the night's          first answer), "consent|{partner}|{ticks}|{state}"
/// (consent log), "couple" (profile) and "rotation" (the last year of          prompts); Model/Couples/CoupleRows
/// builds and parses every one of them; couples  PK coupleId: where profiles, consent logs and rotations lived before
/// they moved into history; read only to move them (<see cref="LegacyCouples"/>); phones   PK E.164 number, RK "phone"
/// (which couple and partner it joined) and "invitation|{coupleId}" (invitations queued to it, not yet answered); due
/// PK "due-00".."due-15" (a shard per couple hash), RK "t|{utc}|..." (what is due when) and "p|{coupleId}|..." (each
/// slot's armed row); outbox   PK E.164 number, RK "{ticks}|{sid}" (texts recorded instead of sent when Twilio is off);
/// signups  PK keyed hash of a number, RK "dialogue" (SMS sign-up in progress), "pointer" (daily how-to-join limit),
/// "replies|{day}" (reply segments          to a number in no couple), "tries|{day}" (pairing-code tries), "delete" (an
/// invitee's DELETE),          "invited|{inviter hash}" and "sent|{ticks}" (invitation limits); PK "code" (pairing
/// codes), "code-tries" (wrong codes an hour), "cap" (daily invitations), "pending" (couples waiting for a YES, by
/// enrollment time); suppressed PK keyed hash of a number, RK "stop" (asked to stop; outlives erasure).
/// </summary>
public sealed class Tables(TableServiceClient service, IOptions<HappyTogetherOptions> options)
{
    private readonly string prefix = options.Value.TablePrefix;

    public TableClient Phones { get; } = service.GetTableClient(options.Value.TablePrefix + "phones");
    public TableClient History { get; } = service.GetTableClient(options.Value.TablePrefix + "history");
    public TableClient Due { get; } = service.GetTableClient(options.Value.TablePrefix + "due");
    public TableClient Outbox { get; } = service.GetTableClient(options.Value.TablePrefix + "outbox");
    public TableClient SignUps { get; } = service.GetTableClient(options.Value.TablePrefix + "signups");
    public TableClient Suppressed { get; } = service.GetTableClient(options.Value.TablePrefix + "suppressed");

    /// <summary>The table couples' profiles lived in before this layout; a profile found there is moved on first
    /// read.</summary>
    public TableClient LegacyCouples { get; } = service.GetTableClient(options.Value.TablePrefix + "couples");

    public IReadOnlyList<TableClient> All => [History, Phones, Due, Outbox, SignUps, Suppressed, LegacyCouples];

    public string Prefix => prefix;

    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        foreach (var table in All)
            await table.CreateIfNotExistsAsync(ct);
    }
}
