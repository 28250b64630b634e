using System.Diagnostics.Metrics;
using HappyTogether.Foundation.Operations;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Metrics;
using Microsoft.Extensions.Hosting;

namespace HappyTogether.Functions;

/// <summary>
/// Hands the app's operational counts (<see cref="OpsMetrics"/>) to Application Insights as pre-aggregated metrics
/// (customMetrics), which sampling never drops, so the alerts built on them see every event.
/// </summary>
public sealed class OpsMetricsForwarder(TelemetryClient telemetry) : IHostedService, IDisposable
{
    private readonly MeterListener listener = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OpsMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Track(instrument.Name, value, tags));
        listener.Start();
        return Task.CompletedTask;
    }

    private void Track(string name, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var names = new string[tags.Length];
        var values = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            names[i] = tags[i].Key;
            values[i] = tags[i].Value?.ToString() ?? "";
        }
        var metric = telemetry.GetMetric(new MetricIdentifier(MetricIdentifier.DefaultMetricNamespace, name, names));
        if (metric.TryGetDataSeries(out var series, true, values)) series.TrackValue(value);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        listener.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => listener.Dispose();
}
