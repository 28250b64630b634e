using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Entry.Sending;

/// <summary>Records texts in the outbox table instead of sending them (no Twilio settings, local runs,
/// tests).</summary>
public sealed class OutboxSmsSender(Tables tables, TimeProvider clock) : ISmsSender
{
    public string Description => $"outbox (texts recorded in table '{tables.Outbox.Name}', nothing sent)";

    public async Task<SentSms> SendAsync(OutgoingSms sms, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var sid = "OB" + Guid.NewGuid().ToString("N");
        await tables.Outbox.AddEntityAsync(
            new TableEntity(sms.To, $"{now.UtcTicks:D19}|{sid}") { ["Body"] = sms.Body, ["Sid"] = sid, ["AtUtc"] = now, ["Kind"] = sms.Kind },
            ct);
        return new SentSms(sid, "sent");
    }

    public async Task<SentSms?> FindSentAsync(OutgoingSms sms, DateTimeOffset since, CancellationToken ct = default)
    {
        foreach (var text in await ReadAsync(sms.To, since, ct))
        {
            if (text.Body == sms.Body) return new SentSms(text.Sid, "sent");
        }
        return null;
    }

    /// <summary>Texts recorded for a number since a time, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxText>> ReadAsync(string to, DateTimeOffset since, CancellationToken ct = default)
    {
        var from = $"{since.UtcTicks:D19}";
        return await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {to} and RowKey ge {from}"), ct);
    }

    /// <summary>Every text in the outbox (a development view: the outbox only holds what local runs
    /// recorded).</summary>
    public async Task<IReadOnlyList<OutboxText>> ReadAllAsync(CancellationToken ct = default) =>
        (await QueryAsync(null, ct)).OrderBy(t => t.Utc).ToList();

    private async Task<IReadOnlyList<OutboxText>> QueryAsync(string? filter, CancellationToken ct)
    {
        var texts = new List<OutboxText>();
        await foreach (var row in tables.Outbox.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            texts.Add(new OutboxText(row.PartitionKey, row.GetString("Body"), row.GetString("Sid"), row.GetDateTimeOffset("AtUtc")!.Value, row.GetString("Kind")));
        return texts;
    }
}

/// <summary>A text recorded in the outbox.</summary>
public sealed record OutboxText(string To, string Body, string Sid, DateTimeOffset Utc, string? Kind = null);
