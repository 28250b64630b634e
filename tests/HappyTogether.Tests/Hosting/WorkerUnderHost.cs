using System.Text.Json;
using HappyTogether.Tests.Hosting.Rpc;
using HappyTogether.Tests.Infrastructure;
using MessageCase = HappyTogether.Tests.Hosting.Rpc.StreamingMessage.ContentOneofCase;

namespace HappyTogether.Tests.Hosting;

/// <summary>
/// The built worker started under <see cref="TestFunctionsHost"/> and taken through the host's start-up: StartStream,
/// WorkerInitRequest, FunctionsMetadataRequest, then a FunctionLoadRequest per reported function. The app's own services
/// (<see cref="App"/>) share the worker's tables and queue on Azurite, so tests can prepare and read storage. The clock of
/// <see cref="App"/> is in 2020: whatever it makes due is past due for the worker, which runs on the real clock.
/// </summary>
public sealed class WorkerUnderHost : IAsyncLifetime
{
    public static readonly DateTimeOffset AppTime = new(2020, 1, 6, 18, 0, 0, TimeSpan.Zero);

    private static StatusResult NotReached => new() { Status = StatusResult.Types.Status.Failure, Exception = new RpcException { Message = "The host's start-up did not get this far." } };

    private TestFunctionsHost? host;
    private TestApp? app;

    public TestFunctionsHost Host => host ?? throw new InvalidOperationException("Not started.");
    public TestApp App => app ?? throw new InvalidOperationException("Not started.");
    // Until the start-up reaches them, failed results: a test then fails on the step that did not happen.
    public StartStream Started { get; private set; } = new();
    public WorkerInitResponse Init { get; private set; } = new() { Result = NotReached };
    public FunctionMetadataResponse Metadata { get; private set; } = new() { Result = NotReached };
    public IReadOnlyList<FunctionLoadResponse> Loads { get; private set; } = [];

    /// <summary>The host's function id for each reported function, by name.</summary>
    public IReadOnlyDictionary<string, string> FunctionIds { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        // A table prefix and queue of this run's own: other test runs share Azurite.
        var prefix = "h" + Guid.NewGuid().ToString("N")[..10];
        var storage = new Dictionary<string, string?> { ["TablePrefix"] = prefix, ["OutboundQueue"] = prefix + "-outbound" };
        app = await TestApp.StartAsync(AppTime, settings: storage);
        try
        {
            host = await TestFunctionsHost.StartAsync(AppSettings(storage));
            await StartUpAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The app settings the host would pass: local.settings.sample.json's values (what `func start` reads),
    /// with this run's storage names.</summary>
    private static Dictionary<string, string> AppSettings(IReadOnlyDictionary<string, string?> storage)
    {
        var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildOutput.RepositoryRoot, "functions", "HappyTogether.Functions", "local.settings.sample.json")));
        var settings = sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        foreach (var (key, value) in storage) settings[key] = value!;
        return settings;
    }

    private async Task StartUpAsync()
    {
        Started = (await Host.ReceiveAsync(MessageCase.StartStream)).StartStream;

        Init = (await Host.AskAsync(new StreamingMessage
        {
            RequestId = "init",
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.1000.0",
                WorkerDirectory = TestFunctionsHost.AppDirectory,
                FunctionAppDirectory = TestFunctionsHost.AppDirectory,
            },
        }, MessageCase.WorkerInitResponse)).WorkerInitResponse;
        if (Init.Result.Status != StatusResult.Types.Status.Success) return;

        // worker.config.json says workerIndexing: the host asks the worker for its functions.
        Metadata = (await Host.AskAsync(new StreamingMessage
        {
            RequestId = "metadata",
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = TestFunctionsHost.AppDirectory },
        }, MessageCase.FunctionMetadataResponse)).FunctionMetadataResponse;
        if (Metadata.Result.Status != StatusResult.Types.Status.Success) return;
        FunctionIds = Metadata.FunctionMetadataResults.ToDictionary(f => f.Name, f => f.FunctionId);

        foreach (var function in Metadata.FunctionMetadataResults)
            await Host.SendAsync(new StreamingMessage { RequestId = "load", FunctionLoadRequest = LoadRequest(function) });
        var loads = new List<FunctionLoadResponse>();
        foreach (var _ in Metadata.FunctionMetadataResults)
            loads.Add((await Host.ReceiveAsync(MessageCase.FunctionLoadResponse)).FunctionLoadResponse);
        Loads = loads;
    }

    /// <summary>What the host loads for a worker-indexed function: the reported metadata with its raw bindings turned
    /// into the bindings map.</summary>
    private static FunctionLoadRequest LoadRequest(RpcFunctionMetadata reported)
    {
        var metadata = new RpcFunctionMetadata
        {
            Name = reported.Name,
            FunctionId = reported.FunctionId,
            Directory = TestFunctionsHost.AppDirectory,
            ScriptFile = reported.ScriptFile,
            EntryPoint = reported.EntryPoint,
            Language = reported.Language,
        };
        metadata.RawBindings.AddRange(reported.RawBindings);
        metadata.Properties.Add(reported.Properties);
        foreach (var raw in reported.RawBindings)
        {
            var binding = TestFunctionsHost.Parse(raw);
            var info = new BindingInfo
            {
                Type = binding.GetProperty("type").GetString(),
                Direction = binding.GetProperty("direction").GetString()!.ToLowerInvariant() switch
                {
                    "in" => BindingInfo.Types.Direction.In,
                    "out" => BindingInfo.Types.Direction.Out,
                    _ => BindingInfo.Types.Direction.Inout,
                },
            };
            if (binding.TryGetProperty("dataType", out var dataType) && Enum.TryParse<BindingInfo.Types.DataType>(dataType.GetString(), true, out var parsed))
                info.DataType = parsed;
            metadata.Bindings.Add(binding.GetProperty("name").GetString()!, info);
        }
        return new FunctionLoadRequest { FunctionId = reported.FunctionId, Metadata = metadata };
    }

    /// <summary>Invokes a function as the host does and returns the worker's response.</summary>
    public async Task<InvocationResponse> InvokeAsync(string function, string invocationId, IEnumerable<(string Name, TypedData Data)> inputs, IReadOnlyDictionary<string, TypedData> triggerMetadata)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = FunctionIds[function],
            // The host always sends a W3C trace context; the worker reads it for every invocation.
            TraceContext = new RpcTraceContext { TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", TraceState = "" },
        };
        foreach (var (name, data) in inputs) request.InputData.Add(new ParameterBinding { Name = name, Data = data });
        foreach (var (key, value) in triggerMetadata) request.TriggerMetadata[key] = value;
        var response = (await Host.AskAsync(new StreamingMessage { RequestId = invocationId, InvocationRequest = request }, MessageCase.InvocationResponse)).InvocationResponse;
        Assert.Equal(invocationId, response.InvocationId);
        return response;
    }

    public async Task DisposeAsync()
    {
        // The worker first: it must never outlive the test run.
        if (host is not null) await host.DisposeAsync();
        if (app is not null) await app.DisposeAsync();
        host = null;
        app = null;
    }
}
