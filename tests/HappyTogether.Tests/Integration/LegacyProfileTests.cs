using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;
using HappyTogether.Lifecycle.Erasure;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using static HappyTogether.Tests.Infrastructure.TimerMarks;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// A deployment from before profiles moved into the history partition: a couple whose profile,
/// consent log and rotation are still in the old couples table is moved on first read, and keeps
/// its texts, answers and erasure.
/// </summary>
public class LegacyProfileTests
{
    /// <summary>Puts the couple's non-dated rows back where the old layout kept them.</summary>
    private static async Task<List<string>> MoveToOldTableAsync(Tables tables, Couple couple)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {couple.Id} and RowKey ge {"a"}");
        var rows = new List<TableEntity>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(filter)) rows.Add(row);
        foreach (var row in rows)
        {
            await tables.LegacyCouples.UpsertEntityAsync(new TableEntity(row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).ToDictionary()), TableUpdateMode.Replace);
            await tables.History.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
        return rows.Select(r => r.RowKey).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> KeysAsync(TableClient table, string coupleId, bool dated)
    {
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {coupleId}"), select: ["RowKey"]))
            if (char.IsAsciiDigit(row.RowKey[0]) == dated) keys.Add(row.RowKey);
        return keys.Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task A_couple_in_the_old_table_is_moved_on_its_first_text_and_answers_as_before()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        var tables = app.Get<Tables>();
        var moved = await MoveToOldTableAsync(tables, couple);
        Assert.Contains(CoupleRows.Profile, moved);
        Assert.Contains(moved, k => k.StartsWith("consent|", StringComparison.Ordinal));
        Assert.Contains("rotation", moved);

        // The answer finds no profile in the partition, moves it, and is answered as it always was.
        Assert.Equal((200, "Got it: calm. Sam hasn't answered yet."), await app.TextAsync(couple.A.Phone, "Cooking together, calm"));
        Assert.Equal(moved, await KeysAsync(tables.History, couple.Id, dated: false));
        Assert.Empty(await KeysAsync(tables.LegacyCouples, couple.Id, dated: false));
        var (_, reveal) = await app.TextAsync(couple.B.Phone, "The walk home. Tired but happy");
        Assert.Equal("Got it: happy. Ana's answer: Cooking together, calm", reveal);
        await app.DrainQueueAsync();
        Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Reveal);

        // Erasure removes it from both tables.
        Assert.True(await app.Get<CoupleErasure>().EraseAsync(couple.Id));
        Assert.Empty(await KeysAsync(tables.History, couple.Id, dated: false));
        Assert.Empty(await KeysAsync(tables.History, couple.Id, dated: true));
    }

    [Fact]
    public async Task A_couple_in_the_old_table_keeps_getting_its_texts_from_the_scheduler()
    {
        var (app, couple) = await TestApp.AfterEveningQuestionAsync();
        await using var _ = app;
        var tables = app.Get<Tables>();
        var picked = (await tables.History.GetEntityAsync<TableEntity>(couple.Id, "rotation")).Value.GetString("Evening");
        Assert.False(string.IsNullOrEmpty(picked));
        var moved = await MoveToOldTableAsync(tables, couple);

        // The morning idea's send reads the couple, moves it, and both partners get the same day's idea once.
        await app.RunTimerAsync(Marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(12)));
        Assert.Equal(moved, await KeysAsync(tables.History, couple.Id, dated: false));
        Assert.Empty(await KeysAsync(tables.LegacyCouples, couple.Id, dated: false));
        Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Morning);
        Assert.Single(await app.ReceivedAsync(couple, "b"), t => t.Kind == TextKind.Morning);
        // The rotation came along with last night's question in it.
        Assert.Equal(picked, (await tables.History.GetEntityAsync<TableEntity>(couple.Id, "rotation")).Value.GetString("Evening"));
    }
}
