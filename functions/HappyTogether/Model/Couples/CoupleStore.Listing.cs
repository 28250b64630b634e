using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace HappyTogether.Model.Couples;

// Every couple, for the work that must visit each one (the retention sweep).
public sealed partial class CoupleStore
{
    /// <summary>
    /// The id of every couple past its first week, once: the phone rows of partner a, read by one filtered scan of the
    /// phones table (a page per thousand couples). A couple past its enrollment week has both numbers claimed (the
    /// daily sweep erases one where someone has not said YES, and only erasure releases a number), so partner a's row
    /// names each such couple exactly once. Younger couples may be missed, and hold nothing old.
    /// </summary>
    public async IAsyncEnumerable<string> ListCoupleIdsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PhoneRow} and Partner eq {Couple.PartnerA}");
        await foreach (var row in tables.Phones.QueryAsync<TableEntity>(filter, select: ["CoupleId"], cancellationToken: ct))
        {
            if (row.GetString("CoupleId") is { Length: > 0 } coupleId) yield return coupleId;
        }
    }
}
