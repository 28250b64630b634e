using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Testing;

/// <summary>
/// Twilio's Messages API as far as the app uses it (create, list and delete), on 127.0.0.1. The real SDK talks
/// to it; tests read what was posted and script faults for the next calls.
/// </summary>
public sealed partial class FakeTwilioApi : IAsyncDisposable
{
    public const string AccountSid = "ACfa4efa4efa4efa4efa4efa4efa4efa4e";
    public const string AuthToken = "fake-auth-token-for-tests-only";
    public const string FromNumber = "+13125550100";

    private readonly WebApplication app;
    private int sequence;

    /// <summary>A scripted answer for one future create call.</summary>
    /// <param name="Status">HTTP status to answer with.</param>
    /// <param name="Code">Twilio error code in the body.</param>
    /// <param name="SendAnyway">Accept the message even though the answer is an error (as a 5xx or timeout
    /// may).</param>
    /// <param name="Delay">Wait this long before answering (a timeout when longer than the client's).</param>
    public sealed record Fault(int Status, int? Code = null, bool SendAnyway = false, TimeSpan? Delay = null);

    /// <summary>A message the fake accepted, when (by <see cref="Clock"/>), and whether Twilio still holds it queued.</summary>
    public sealed record Accepted(string Sid, string To, string Body, DateTimeOffset Created = default, bool Held = false);

    private FakeTwilioApi(WebApplication app) => this.app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every create call's form fields, in order, accepted or not.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Posts { get; } = new();

    /// <summary>Authorization header of every call.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>Scripted answers for the next create calls, one each, in order; null answers normally.</summary>
    public ConcurrentQueue<Fault?> Faults { get; } = new();

    /// <summary>How long each create call takes, as a real API round trip would.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Most create calls handled at once; more wait their turn. Zero: no limit.</summary>
    public int MaxConcurrency
    {
        get => maxConcurrency;
        set
        {
            maxConcurrency = value;
            gate = value > 0 ? new SemaphoreSlim(value, value) : null;
        }
    }

    private int maxConcurrency;
    private SemaphoreSlim? gate;

    public ConcurrentQueue<Accepted> Messages { get; } = new();

    /// <summary>The sid of every delete call, in order, answered or not.</summary>
    public ConcurrentQueue<string> DeleteCalls { get; } = new();

    /// <summary>Sids the fake deleted; a second delete of one answers 404, as Twilio does.</summary>
    public ConcurrentDictionary<string, bool> Deleted { get; } = new();

    /// <summary>Scripted answers for the next delete calls of a sid, one each, in order (e.g. 400 with code 20009:
    /// still in flight).</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<Fault>> DeleteFaults { get; } = new();

    public IEnumerable<Accepted> To(string phone) => Messages.Where(m => m.To == phone);

    /// <summary>The account's phone number and its SMS webhook settings.</summary>
    public Dictionary<string, string?> Number { get; } = new() { ["sid"] = "PN0123456789abcdef0123456789abcdef", ["phone_number"] = FromNumber, ["sms_url"] = "https://demo.twilio.com/welcome/sms/reply", ["sms_method"] = "POST" };

    /// <summary>A Messaging Service and its webhook settings.</summary>
    public Dictionary<string, string?> Service { get; } = new() { ["sid"] = "MG0123456789abcdef0123456789abcdef", ["inbound_request_url"] = null, ["status_callback"] = null };

    /// <summary>Form fields of every update to a number or service, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Updates { get; } = new();

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilioApi(app);
        app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", fake.CreateAsync);
        app.MapGet("/2010-04-01/Accounts/{account}/Messages.json", fake.List);
        app.MapDelete("/2010-04-01/Accounts/{account}/Messages/{sid}.json", fake.Delete);
        app.MapGet("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers.json", fake.ListNumbers);
        app.MapPost("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers/{sid}.json", fake.UpdateNumberAsync);
        app.MapGet("/v1/Services/{sid}", fake.FetchService);
        app.MapPost("/v1/Services/{sid}", fake.UpdateServiceAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUri = new Uri(address);
        return fake;
    }

    private async Task<IResult> CreateAsync(HttpContext context, string account)
    {
        var turn = gate;
        if (turn is not null) await turn.WaitAsync();
        try
        {
            if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
            return await AcceptAsync(context, account);
        }
        finally
        {
            turn?.Release();
        }
    }

    private async Task<IResult> AcceptAsync(HttpContext context, string account)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        Posts.Enqueue(form);
        Faults.TryDequeue(out var fault);
        Accepted? accepted = null;
        Accounts.Enqueue(account);
        if (fault is null || fault.SendAnyway)
        {
            accepted = new Accepted($"SM{Interlocked.Increment(ref sequence):D32}", form["To"], form.GetValueOrDefault("Body", ""), Clock.GetUtcNow(), HoldQueued);
            Messages.Enqueue(accepted);
        }
        if (fault?.Delay is { } delay) await Task.Delay(delay);
        if (fault is not null)
        {
            return Results.Json(new { code = fault.Code ?? fault.Status * 100, message = "Scripted fault", more_info = "", status = fault.Status }, statusCode: fault.Status);
        }
        return Results.Json(Json(account, accepted!, form.GetValueOrDefault("From"), created: true), statusCode: 201);
    }

    private IResult Delete(HttpContext context, string account, string sid)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        DeleteCalls.Enqueue(sid);
        if (DeleteFaults.TryGetValue(sid, out var faults) && faults.TryDequeue(out var fault))
            return Results.Json(new { code = fault.Code ?? fault.Status * 100, message = "Scripted fault", more_info = "", status = fault.Status }, statusCode: fault.Status);
        if (!Deleted.TryAdd(sid, true))
            return Results.Json(new { code = 20404, message = "The requested resource was not found", more_info = "", status = 404 }, statusCode: 404);
        return Results.NoContent();
    }

    private IResult ListNumbers(HttpContext context, string account)
    {
        var wanted = context.Request.Query["PhoneNumber"].ToString();
        var numbers = Number["phone_number"] == wanted ? new[] { Number } : [];
        var uri = $"/2010-04-01/Accounts/{account}/IncomingPhoneNumbers.json";
        return Results.Json(new Dictionary<string, object?> { ["incoming_phone_numbers"] = numbers, ["first_page_uri"] = uri, ["next_page_uri"] = null, ["page"] = 0, ["page_size"] = 50, ["uri"] = uri });
    }

    private async Task<IResult> UpdateNumberAsync(HttpContext context, string account, string sid)
    {
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        Updates.Enqueue(form);
        if (form.TryGetValue("SmsUrl", out var url)) Number["sms_url"] = url;
        if (form.TryGetValue("SmsMethod", out var method)) Number["sms_method"] = method;
        return Results.Json(Number);
    }

    private IResult FetchService(string sid) => Results.Json(Service);

    private async Task<IResult> UpdateServiceAsync(HttpContext context, string sid)
    {
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        Updates.Enqueue(form);
        if (form.TryGetValue("InboundRequestUrl", out var url)) Service["inbound_request_url"] = url;
        if (form.TryGetValue("StatusCallback", out var status)) Service["status_callback"] = status;
        return Results.Json(Service);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
