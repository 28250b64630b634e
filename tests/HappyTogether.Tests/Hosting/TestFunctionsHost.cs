using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Grpc.Core;
using HappyTogether.Tests.Hosting.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Tests.Hosting;

/// <summary>
/// The Functions host's side of the worker protocol, for tests: a gRPC server (service FunctionRpc) on a loopback port,
/// and the built worker started from its output folder the way the host starts a dotnet-isolated worker. Messages are
/// awaited, never slept for; a timeout only fails the test. Disposing kills the worker.
/// </summary>
public sealed class TestFunctionsHost : IAsyncDisposable
{
    /// <summary>How long any one step may take before the test fails: generous, for a cold start on a busy machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public const string WorkerId = "hosting-test-worker";
    public const string RequestId = "hosting-test-request";

    // The host passes int.MaxValue unless configured otherwise.
    private const string MaxMessageLength = "2147483647";

    private readonly WebApplication server;
    private readonly WorkerStream stream;
    private readonly Process worker;
    private readonly StringBuilder console = new();

    private TestFunctionsHost(WebApplication server, WorkerStream stream, Process worker)
    {
        this.server = server;
        this.stream = stream;
        this.worker = worker;
    }

    /// <summary>The worker's build output, which the host treats as both the app and the worker directory.</summary>
    public static string AppDirectory => BuildOutput.Directory;

    /// <summary>What the worker logged over the stream and printed, for failure messages.</summary>
    public string Diagnostics
    {
        get
        {
            lock (console) return string.Join("\n", stream.Logs.TakeLast(40)) + "\n--- console ---\n" + console;
        }
    }

    /// <summary>Starts the server and the worker with the given app settings as environment variables.</summary>
    public static async Task<TestFunctionsHost> StartAsync(IReadOnlyDictionary<string, string> appSettings)
    {
        var stream = new WorkerStream();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // HTTP/2 without TLS on loopback, as the host listens for its workers.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(stream);
        var server = builder.Build();
        server.MapGrpcService<FunctionRpcService>();
        await server.StartAsync();
        var address = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        Process? worker = null;
        try
        {
            worker = StartWorker(address, appSettings);
            var host = new TestFunctionsHost(server, stream, worker);
            host.Capture(worker);
            return host;
        }
        catch
        {
            Kill(worker);
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The command line and environment of the host's worker process (azure-functions-host, RpcWorkerProcess): the
    /// executable and worker path from worker.config.json, the connection arguments in their old and their
    /// "functions-" forms, and the app settings plus the directories as environment variables.
    /// </summary>
    private static Process StartWorker(Uri address, IReadOnlyDictionary<string, string> appSettings)
    {
        var description = BuildOutput.Json("worker.config.json").GetProperty("description");
        var start = new ProcessStartInfo(description.GetProperty("defaultExecutablePath").GetString()!)
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppDirectory, description.GetProperty("defaultWorkerPath").GetString()!),
            "--host", address.Host, "--port", address.Port.ToString(), "--workerId", WorkerId, "--requestId", RequestId,
            "--grpcMaxMessageLength", MaxMessageLength,
            "--functions-uri", address.AbsoluteUri, "--functions-worker-id", WorkerId, "--functions-request-id", RequestId,
            "--functions-grpc-max-message-length", MaxMessageLength,
        })
            start.ArgumentList.Add(arg);

        // The test runner's own runtime and ASP.NET Core variables (startup hooks, its environment name) are not the worker's.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) && k != "DOTNET_ROOT" || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in appSettings) start.Environment[key] = value;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["AzureWebJobsScriptRoot"] = AppDirectory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = AppDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = AppDirectory;
        return Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
    }

    private void Capture(Process process)
    {
        void Append(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (console) console.AppendLine(e.Data);
        }
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Sends a message to the worker.</summary>
    public Task SendAsync(StreamingMessage message) => stream.SendAsync(message);

    /// <summary>The worker's next message that is not a log line; fails the test if none comes in time or the worker
    /// exits.</summary>
    public async Task<StreamingMessage> ReceiveAsync(StreamingMessage.ContentOneofCase expected)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var exited = worker.WaitForExitAsync(timeout.Token);
        var next = stream.ReceiveAsync(timeout.Token);
        await Task.WhenAny(next, exited);
        if (exited.IsCompletedSuccessfully && !next.IsCompleted)
            throw new Xunit.Sdk.XunitException($"The worker exited with code {worker.ExitCode} while the host waited for {expected}.\n{Diagnostics}");
        StreamingMessage message;
        try
        {
            message = await next;
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No {expected} from the worker within {Patience}.\n{Diagnostics}");
        }
        if (message.ContentCase != expected)
            throw new Xunit.Sdk.XunitException($"Expected {expected} from the worker, got {message.ContentCase}: {message}\n{Diagnostics}");
        return message;
    }

    /// <summary>Sends a request and returns the worker's answer of the given kind.</summary>
    public async Task<StreamingMessage> AskAsync(StreamingMessage request, StreamingMessage.ContentOneofCase answer)
    {
        await SendAsync(request);
        return await ReceiveAsync(answer);
    }

    public async ValueTask DisposeAsync()
    {
        Kill(worker);
        stream.Complete();
        await server.DisposeAsync();
    }

    private static void Kill(Process? process)
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        process.Dispose();
    }

    /// <summary>The one worker connection: what it sent (log lines apart) and what is to be sent to it.</summary>
    public sealed class WorkerStream
    {
        private readonly Channel<StreamingMessage> fromWorker = Channel.CreateUnbounded<StreamingMessage>();
        private readonly Channel<StreamingMessage> toWorker = Channel.CreateUnbounded<StreamingMessage>();

        public ConcurrentQueue<string> Logs { get; } = new();

        public Task SendAsync(StreamingMessage message) => toWorker.Writer.WriteAsync(message).AsTask();

        public async Task<StreamingMessage> ReceiveAsync(CancellationToken ct) => await fromWorker.Reader.ReadAsync(ct);

        public void Complete() => toWorker.Writer.TryComplete();

        internal async Task ServeAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken ct)
        {
            var writing = Task.Run(async () =>
            {
                await foreach (var message in toWorker.Reader.ReadAllAsync(ct))
                    await responses.WriteAsync(message, ct);
            }, ct);
            await foreach (var message in requests.ReadAllAsync(ct))
            {
                if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
                    Logs.Enqueue($"{message.RpcLog.Level} {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}");
                else
                    await fromWorker.Writer.WriteAsync(message, ct);
            }
            await writing;
        }
    }

    /// <summary>The FunctionRpc service: hands the worker's stream to <see cref="WorkerStream"/>.</summary>
    private sealed class FunctionRpcService(WorkerStream stream) : FunctionRpc.FunctionRpcBase
    {
        public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
            stream.ServeAsync(requestStream, responseStream, context.CancellationToken);
    }

    /// <summary>A binding's JSON as the worker reports it in raw_bindings.</summary>
    public static JsonElement Parse(string rawBinding) => JsonDocument.Parse(rawBinding).RootElement;
}
