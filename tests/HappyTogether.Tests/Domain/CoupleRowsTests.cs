using Azure.Data.Tables;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// The row keys of a couple's partition: each format as it is stored (rows in production keep their keys),
/// taken apart again, and the ranges the stores query selecting those rows and no others.
/// </summary>
public class CoupleRowsTests
{
    private static readonly DateOnly Day = new(2027, 1, 4);
    private static readonly DateTimeOffset At = new(2027, 1, 4, 20, 15, 0, TimeSpan.Zero);
    private const string Sid = "SM0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string, CoupleRowKey> Formats() => new()
    {
        { CoupleRows.Profile, "couple", new("couple", null, null, null) },
        { CoupleRows.Rotation, "rotation", new("rotation", null, null, null) },
        {
            CoupleRows.ConsentRecord("b", At, ConsentState.OptedOut), "consent|b|0639346905000000000|OptedOut",
            new("consent", null, "b", "0639346905000000000|OptedOut")
        },
        { new AnswerRecord(Day, "a", "") { MessageSid = Sid }.RowKey, "2027-01-04|answer|a", new("answer", Day, "a", null) },
        {
            new AnswerRecord(Day, "b", "") { Kind = AnswerRecord.ReactionKind, MessageSid = Sid }.RowKey, "2027-01-04|reacted|b",
            new("reacted", Day, "b", null)
        },
        {
            new AnswerRecord(Day, "a", "") { Kind = AnswerRecord.NoteKind, MessageSid = Sid }.RowKey, $"2027-01-04|note|a|{Sid}",
            new("note", Day, "a", Sid)
        },
        { new OutboundRecord(Day, TextKind.Evening, "b").RowKey, "2027-01-04|evening|b", new("evening", Day, "b", null) },
        {
            new OutboundRecord(Day, TextKind.Confirmation, "a") { Ref = "638712345678901234" }.RowKey,
            "2027-01-04|confirmation|a|638712345678901234", new("confirmation", Day, "a", "638712345678901234")
        },
        { CoupleRows.Reply(Day, Sid), $"2027-01-04|reply|{Sid}", new("reply", Day, null, Sid) },
        { CoupleRows.Done(Day, "b"), "2027-01-04|done|b", new("done", Day, "b", null) },
        { CoupleRows.First(Day), "2027-01-04|first", new("first", Day, null, null) },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_format_is_stored_as_before_and_reads_back(string key, string stored, CoupleRowKey parts)
    {
        Assert.Equal(stored, key);
        Assert.Equal(parts, CoupleRows.Parse(key));
    }

    /// <summary>A message id that cannot be a key is hashed, the same way each time, so a retry finds its
    /// row.</summary>
    [Fact]
    public void A_message_id_that_cannot_be_a_key_is_hashed_the_same_way_each_time()
    {
        var reply = CoupleRows.Reply(Day, "outbox/1#2");
        Assert.Equal(reply, CoupleRows.Reply(Day, "outbox/1#2"));
        Assert.Matches("^2027-01-04\\|reply\\|h[0-9a-f]{64}$", reply);
        Assert.Equal(reply[^65..], CoupleRows.PerMessage(Day, AnswerRecord.NoteKind, "a", "outbox/1#2")[^65..]);
    }

    /// <summary>Every kind of row, on the days around <see cref="Day"/>.</summary>
    private static List<(string Key, string? Kind, DateOnly? Date)> Rows()
    {
        var rows = new List<(string, string?, DateOnly?)>
        {
            (CoupleRows.Profile, null, null),
            (CoupleRows.Rotation, null, null),
            (CoupleRows.ConsentRecord("a", At.AddDays(-3), ConsentState.OptedIn), null, null),
            (CoupleRows.ConsentRecord("b", At, ConsentState.OptedOut), null, null),
        };
        foreach (var date in Enumerable.Range(-2, 5).Select(Day.AddDays))
        {
            rows.Add((CoupleRows.Dated(date, AnswerRecord.AnswerKind, "a"), AnswerRecord.AnswerKind, date));
            rows.Add((CoupleRows.Dated(date, AnswerRecord.ReactionKind, "b"), AnswerRecord.ReactionKind, date));
            rows.Add((CoupleRows.PerMessage(date, AnswerRecord.NoteKind, "a", Sid), AnswerRecord.NoteKind, date));
            rows.Add((CoupleRows.Dated(date, TextKind.Reveal, "b", "2"), TextKind.Reveal, date));
            rows.Add((CoupleRows.Reply(date, Sid), CoupleRows.ReplyKind, date));
            rows.Add((CoupleRows.Done(date, "a"), CoupleRows.DoneKind, date));
            rows.Add((CoupleRows.First(date), CoupleRows.FirstKind, date));
        }
        return rows;
    }

    private static List<string> In(RowRange range) => Rows().Select(r => r.Key)
        .Where(k => string.CompareOrdinal(k, range.From) >= 0 && string.CompareOrdinal(k, range.To) < 0)
        .Order(StringComparer.Ordinal).ToList();

    private static List<string> Keys(Func<(string Key, string? Kind, DateOnly? Date), bool> which) =>
        Rows().Where(which).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void A_range_of_days_holds_every_row_of_those_days_and_nothing_else()
    {
        Assert.Equal(Keys(r => r.Date >= Day && r.Date <= Day.AddDays(1)), In(CoupleRows.Days(Day, Day.AddDays(1))));
        Assert.Equal(Keys(r => r.Date == Day), In(CoupleRows.Days(Day, Day)));
    }

    [Fact]
    public void The_consent_log_is_a_range_of_its_own() =>
        Assert.Equal(Keys(r => r.Key.StartsWith("consent|", StringComparison.Ordinal)), In(CoupleRows.ConsentLog));

    /// <summary>What one range query of some days with the profile relies on.</summary>
    [Fact]
    public void Dated_rows_sort_before_the_consent_log_the_profile_and_the_rotation()
    {
        var sorted = Rows().Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        var undated = sorted.SkipWhile(k => CoupleRows.Parse(k).Date is not null).ToList();
        Assert.Equal(Keys(r => r.Date is null), undated);
        Assert.Equal([CoupleRows.Profile, CoupleRows.Rotation], undated[^2..]);
    }

    /// <summary>The filters the stores send, on a partition holding every kind of row.</summary>
    [Fact]
    public async Task The_filters_select_what_they_name_from_a_stored_partition()
    {
        await using var app = await TestApp.StartAsync();
        var history = app.Tables.History;
        const string couple = "c0ffee";
        await history.SubmitTransactionAsync(Rows().Select(r => new TableTransactionAction(
            TableTransactionActionType.Add, new TableEntity(couple, r.Key) { ["Kind"] = r.Kind })));

        async Task<List<string>> Read(string filter)
        {
            var keys = new List<string>();
            await foreach (var row in history.QueryAsync<TableEntity>(filter, select: ["RowKey"])) keys.Add(row.RowKey);
            return keys;
        }

        var days = CoupleRows.Days(Day, Day.AddDays(1));
        Assert.Equal(In(days), await Read(CoupleRows.Filter(couple, days)));
        Assert.Equal(
            Keys(r => r.Kind == CoupleRows.DoneKind && r.Date >= Day && r.Date <= Day.AddDays(1)),
            await Read(CoupleRows.Filter(couple, days, $"Kind eq {CoupleRows.DoneKind}")));
        Assert.Equal(In(CoupleRows.ConsentLog), await Read(CoupleRows.Filter(couple, CoupleRows.ConsentLog)));
        Assert.Equal([.. In(days), CoupleRows.Profile], await Read(CoupleRows.WithProfile(couple, days)));
        // The sender's read: the two rows and nothing between them, whatever the partition holds.
        Assert.Equal([CoupleRows.Profile, CoupleRows.Rotation], await Read(CoupleRows.ProfileAndRotation(couple)));
    }
}
