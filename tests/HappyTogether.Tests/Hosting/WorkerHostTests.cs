using System.Text.Json;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Hosting.Rpc;
using HappyTogether.Tests.Infrastructure;
using Xunit.Abstractions;
using Status = HappyTogether.Tests.Hosting.Rpc.StatusResult.Types.Status;

namespace HappyTogether.Tests.Hosting;

/// <summary>
/// The built worker as the Functions host sees it over gRPC: it connects, initializes, reports every pinned function,
/// loads each, and a timer invocation of the scheduler and a queue invocation of the sender succeed against Azurite.
/// </summary>
public class WorkerHostTests(WorkerUnderHost worker, ITestOutputHelper output) : IClassFixture<WorkerUnderHost>
{
    [Fact]
    public void The_worker_connects_with_the_id_the_host_gave_it_and_initializes()
    {
        Assert.Equal(TestFunctionsHost.WorkerId, worker.Started.WorkerId);
        Assert.True(worker.Init.Result.Status == Status.Success, worker.Init.Result.Exception?.Message);
        Assert.NotEmpty(worker.Init.WorkerVersion);
        var capabilities = worker.Init.Capabilities;
        output.WriteLine($"Worker {worker.Init.WorkerVersion}, {worker.Init.WorkerMetadata}, capabilities {capabilities}");
        // The ASP.NET Core integration: the host forwards HTTP requests to the worker's own loopback server.
        Assert.True(capabilities.TryGetValue("HttpUri", out var httpUri), $"No HttpUri capability: {capabilities}");
        Assert.True(new Uri(httpUri).IsLoopback, httpUri);
        // The worker handles the host's terminate and cancel messages, and sends its own telemetry to Application
        // Insights (the host then does not log the worker's lines twice).
        foreach (var capability in new[] { "RpcHttpBodyOnly", "RawHttpBodyBytes", "TypedDataCollection", "HandlesWorkerTerminateMessage", "HandlesInvocationCancelMessage", "WorkerApplicationInsightsLoggingEnabled" })
            Assert.Equal("True", capabilities.GetValueOrDefault(capability));
        Assert.Equal(".NET", worker.Init.WorkerMetadata.RuntimeName);
        Assert.Equal(Environment.Version.Major, Version.Parse(worker.Init.WorkerMetadata.RuntimeVersion).Major);
    }

    [Fact]
    public void The_worker_reports_every_pinned_function()
    {
        Assert.True(worker.Metadata.Result.Status == Status.Success, worker.Metadata.Result.Exception?.Message);
        // The worker indexes its own functions: the host must not fall back to reading function.json files.
        Assert.False(worker.Metadata.UseDefaultMetadataIndexing);
        var reported = worker.Metadata.FunctionMetadataResults
            .Select(f => HostFunction.FromBindings(f.Name, f.RawBindings.Select(TestFunctionsHost.Parse)))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        HostFunction.AssertPinned(reported, "the worker's FunctionMetadataResponse");

        var entryPoints = HostFunction.EntryPoints();
        foreach (var function in worker.Metadata.FunctionMetadataResults)
        {
            Assert.Equal((entryPoints[function.Name], "HappyTogether.Functions.dll", "dotnet-isolated"), (function.EntryPoint, function.ScriptFile, function.Language));
            Assert.NotEmpty(function.FunctionId);
        }
        Assert.Equal(worker.Metadata.FunctionMetadataResults.Count, worker.FunctionIds.Values.Distinct().Count());
    }

    [Fact]
    public void Every_reported_function_loads()
    {
        Assert.Equal(worker.FunctionIds.Values.Order(), worker.Loads.Select(l => l.FunctionId).Order());
        foreach (var load in worker.Loads)
            Assert.True(load.Result.Status == Status.Success, $"{load.FunctionId}: {load.Result.Exception?.Message}");
    }

    [Fact]
    public async Task A_timer_invocation_queues_the_shard_work_and_its_queue_invocation_moves_past_due_slots_on()
    {
        var app = worker.App;
        var couple = await app.EnrollOptedInAsync(phoneA: "+13125550191", phoneB: "+13125550192");
        var due = app.Get<DueIndex>();
        Assert.True(await due.EarliestAsync() < WorkerUnderHost.AppTime.AddDays(7));

        // What the host's timer listener passes: the TimerInfo as JSON, as the binding and as trigger metadata.
        var timer = Json(new { Schedule = new { AdjustForDST = true }, ScheduleStatus = new { Last = "2020-01-06T17:55:00+00:00", Next = "2020-01-06T18:00:00+00:00", LastUpdated = "2020-01-06T17:55:00+00:00" }, IsPastDue = false });
        var response = await worker.InvokeAsync(SchedulerTimer(), "invocation-scheduler", [("timer", timer)], new Dictionary<string, TypedData>
        {
            ["timer"] = timer,
            ["sys"] = Json(new { MethodName = SchedulerTimer(), UtcNow = "2020-01-06T18:00:00+00:00", RandGuid = "00000000-0000-0000-0000-000000000001" }),
        });

        Assert.True(response.Result.Status == Status.Success, $"{response.Result.Exception?.Message}\n{worker.Host.Diagnostics}");
        // The timer only queues the shard's work; the queue trigger does it, as the host would hand it over.
        var shard = int.Parse(DueIndex.Partition(couple.Id)[4..], System.Globalization.CultureInfo.InvariantCulture);
        var messages = (await app.Queue.ReceiveMessagesAsync(32)).Value;
        var work = Assert.Single(messages, m => ShardWork.From(m.Body.ToString()) is { } w && w.Shard == shard);
        foreach (var other in messages.Where(m => m != work))
            await app.Queue.UpdateMessageAsync(other.MessageId, other.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        var page = await worker.InvokeAsync("SendOutbound", "invocation-shard", [("message", new TypedData { String = work.Body.ToString() })], new Dictionary<string, TypedData>
        {
            ["QueueTrigger"] = new() { String = work.Body.ToString() },
            ["DequeueCount"] = new() { Json = work.DequeueCount.ToString() },
            ["Id"] = new() { String = work.MessageId },
            ["PopReceipt"] = new() { String = work.PopReceipt },
            ["sys"] = Json(new { MethodName = "SendOutbound", UtcNow = "2020-01-06T18:00:00+00:00", RandGuid = "00000000-0000-0000-0000-000000000003" }),
        });
        Assert.True(page.Result.Status == Status.Success, $"{page.Result.Exception?.Message}\n{worker.Host.Diagnostics}");
        await app.Queue.DeleteMessageAsync(work.MessageId, work.PopReceipt);
        // The worker's clock is the real one, years after the app's: the shard's work moved every slot of 2020 on to a
        // future occurrence (the first day this test was written is a safe lower bound for "now").
        Assert.True((await due.ReadArmedAsync(couple.Id)).All(s => s.DueUtc > new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task A_queue_invocation_of_the_sender_sends_the_job_the_app_queued()
    {
        var app = worker.App;
        var couple = await app.EnrollAsync(phoneA: "+13125550193", phoneB: "+13125550194");
        // The YES: the app queues a confirmation for partner a, which the worker is to send. The queue is shared with the
        // scheduler's test, so the test takes its one message and leaves the others (invitations, jobs) as they were.
        await Joined.PartnerAsync(app.Get<CoupleStore>(), app.Get<ConsentService>(), couple, couple["a"], "test:YES");
        var messages = (await app.Queue.ReceiveMessagesAsync(32)).Value;
        var message = Assert.Single(messages, m => ShardWork.From(m.Body.ToString()) is null && OutboundJob.ParseMessage(m.Body.ToString()) is [{ Kind: TextKind.Confirmation } job] && job.CoupleId == couple.Id);
        foreach (var other in messages.Where(m => m != message))
            await app.Queue.UpdateMessageAsync(other.MessageId, other.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        Assert.DoesNotContain(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Confirmation);

        // What the host's queue listener passes: the message text, and the message's properties as trigger metadata.
        var body = message.Body.ToString();
        var response = await worker.InvokeAsync("SendOutbound", "invocation-sender", [("message", new TypedData { String = body })], new Dictionary<string, TypedData>
        {
            ["QueueTrigger"] = new() { String = body },
            ["DequeueCount"] = new() { Json = message.DequeueCount.ToString() },
            ["Id"] = new() { String = message.MessageId },
            ["PopReceipt"] = new() { String = message.PopReceipt },
            ["InsertionTime"] = Json(message.InsertedOn),
            ["ExpirationTime"] = Json(message.ExpiresOn),
            ["NextVisibleTime"] = Json(message.NextVisibleOn),
            ["sys"] = Json(new { MethodName = "SendOutbound", UtcNow = "2020-01-06T18:00:00+00:00", RandGuid = "00000000-0000-0000-0000-000000000002" }),
        });

        Assert.True(response.Result.Status == Status.Success, $"{response.Result.Exception?.Message}\n{worker.Host.Diagnostics}");
        // As the host does after a success.
        await app.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        // No Twilio settings: the worker's sender writes to the outbox, which the app reads back.
        var confirmation = Assert.Single(await app.ReceivedAsync(couple, "a"), t => t.Kind == TextKind.Confirmation);
        Assert.Contains("STOP", confirmation.Body);
    }

    private static string SchedulerTimer() => HappyTogether.Functions.SchedulerTimer.Name;

    private static TypedData Json<T>(T value) => new() { Json = JsonSerializer.Serialize(value) };
}
