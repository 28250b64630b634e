using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HappyTogether.Testing;

/// <summary>The fake's message list, as Twilio keeps it: a message is queued until Twilio hands it to the carrier
/// (DateSent is null until then), newest first, filtered by To and DateSent, in pages.</summary>
public sealed partial class FakeTwilioApi
{
    /// <summary>The time the fake stamps on messages (DateCreated, DateSent): the app's clock in tests.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>While true, accepted messages stay queued at "Twilio" (a backlog): no DateSent, status queued.</summary>
    public bool HoldQueued { get; set; }

    /// <summary>The account SID in the path of every create call, in order.</summary>
    public ConcurrentQueue<string> Accounts { get; } = new();

    /// <summary>When each held message left the queue (<see cref="ReleaseQueued"/>).</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> released = new();

    /// <summary>Hands every held message to the carrier now: each gets a DateSent and status sent.</summary>
    public void ReleaseQueued()
    {
        HoldQueued = false;
        foreach (var m in Messages.Where(m => m.Held)) released.TryAdd(m.Sid, Clock.GetUtcNow());
    }

    /// <summary>When a message was sent, or null while it is queued.</summary>
    public DateTimeOffset? SentAt(Accepted m) => !m.Held ? m.Created : released.TryGetValue(m.Sid, out var at) ? at : null;

    private IResult List(HttpContext context, string account)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        var query = context.Request.Query;
        var to = query["To"].ToString();
        // Twilio's DateSent> filter: only messages sent at or after the time; a queued message has no DateSent.
        DateTimeOffset? sentAfter = query.TryGetValue("DateSent>", out var after) && !string.IsNullOrEmpty(after)
            ? DateTimeOffset.Parse(after.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
        var pageSize = int.TryParse(query["PageSize"], out var size) && size > 0 ? size : 50;
        var page = int.TryParse(query["Page"], out var p) ? p : 0;
        var matching = Messages.Where(m => m.To == to)
            .Where(m => sentAfter is null || SentAt(m) is { } sent && sent >= sentAfter)
            .Reverse()
            .ToList();
        var uri = $"/2010-04-01/Accounts/{account}/Messages.json";
        var more = (page + 1) * pageSize < matching.Count;
        return Results.Json(new Dictionary<string, object?>
        {
            ["messages"] = matching.Skip(page * pageSize).Take(pageSize).Select(m => Json(account, m, FromNumber)).ToList(),
            ["first_page_uri"] = $"{uri}?To={Uri.EscapeDataString(to)}&PageSize={pageSize}&Page=0",
            ["next_page_uri"] = more ? $"{uri}?To={Uri.EscapeDataString(to)}&PageSize={pageSize}&Page={page + 1}" : null,
            ["previous_page_uri"] = null,
            ["page"] = page,
            ["page_size"] = pageSize,
            ["uri"] = uri,
        });
    }

    private Dictionary<string, object?> Json(string account, Accepted m, string? from, bool created = false)
    {
        var sent = created ? null : SentAt(m);
        return new()
        {
            ["sid"] = m.Sid,
            ["account_sid"] = account,
            ["to"] = m.To,
            ["from"] = from,
            ["body"] = m.Body,
            ["status"] = sent is null ? "queued" : "sent",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["num_segments"] = "1",
            ["date_created"] = Rfc2822(m.Created),
            ["date_updated"] = Rfc2822(sent ?? m.Created),
            ["date_sent"] = sent is { } at ? Rfc2822(at) : null,
            ["uri"] = $"/2010-04-01/Accounts/{account}/Messages/{m.Sid}.json",
        };
    }

    // Twilio writes dates as RFC 2822, in UTC.
    private static string Rfc2822(DateTimeOffset t) => t.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
