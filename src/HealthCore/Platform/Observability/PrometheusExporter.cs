using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace HealthCore.Platform.Observability;

/// <summary>
/// Serves the service's meter and the runtime's "System.Runtime" meter in Prometheus text format. No Prometheus
/// exporter package is available here, so a MeterListener aggregates measurements: histograms into cumulative
/// buckets, counters into totals, up-down counters and gauges into current values.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>Seconds; Prometheus' conventional latency buckets.</summary>
    public static readonly IReadOnlyList<double> HistogramBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // The runtime declares these as observable counters although they fall as well as rise; as Prometheus
    // counters a fall would read as a reset, so they are exported as the gauges they are.
    private static readonly HashSet<string> RuntimeGauges = ["dotnet.thread_pool.thread.count", "dotnet.thread_pool.queue.length"];

    private readonly Meter ownMeter;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> instruments = new();
    private readonly Lock scrapeLock = new();

    public PrometheusExporter(HealthCoreMetrics metrics)
    {
        ownMeter = metrics.Meter;
        listener.InstrumentPublished = Subscribe;
        listener.MeasurementsCompleted = (instrument, _) => instruments.TryRemove(instrument, out InstrumentSeries? _);
        listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<short>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<int>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<long>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<float>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<double>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => Record(state, (double)value, tags));
        listener.Start();
    }

    public string Render()
    {
        var text = new StringBuilder();
        lock (scrapeLock)
        {
            listener.RecordObservableInstruments();
            foreach (var family in instruments.Values.GroupBy(i => i.Name).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var first = family.First();
                PrometheusText.AppendFamilyHeader(text, first.Name, first.Help, first.Type);
                foreach (var instrument in family.Where(i => i.Type == first.Type))
                {
                    instrument.AppendSamples(text);
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => listener.Dispose();

    private void Subscribe(Instrument instrument, MeterListener meterListener)
    {
        // By reference, not by name: other instances of the service in this process (tests) have their own meter.
        if (!ReferenceEquals(instrument.Meter, ownMeter) && instrument.Meter.Name != RuntimeMeterName)
        {
            return;
        }

        var series = new InstrumentSeries(instrument, AggregationOf(instrument));
        instruments[instrument] = series;
        meterListener.EnableMeasurementEvents(instrument, series);
    }

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        ((InstrumentSeries)state!).Record(value, tags);

    private static Aggregation AggregationOf(Instrument instrument)
    {
        var kind = instrument.GetType().GetGenericTypeDefinition();
        if (kind == typeof(Histogram<>))
        {
            return Aggregation.Histogram;
        }

        if (kind == typeof(Counter<>))
        {
            return Aggregation.SumCounter;
        }

        if (kind == typeof(UpDownCounter<>))
        {
            return Aggregation.SumGauge;
        }

        // Observable instruments report their current total or level, so the last observation is the value.
        var misdeclared = instrument.Meter.Name == RuntimeMeterName && RuntimeGauges.Contains(instrument.Name);
        return kind == typeof(ObservableCounter<>) && !misdeclared ? Aggregation.Counter : Aggregation.Gauge;
    }

    private enum Aggregation
    {
        Histogram,
        SumCounter,
        SumGauge,
        Counter,
        Gauge,
    }

    private sealed class InstrumentSeries(Instrument instrument, Aggregation aggregation)
    {
        private readonly ConcurrentDictionary<string, Series> series = new(StringComparer.Ordinal);

        public PrometheusType Type { get; } = TypeOf(aggregation);

        public string Name { get; } = PrometheusText.MetricName(instrument.Name, instrument.Unit, TypeOf(aggregation));

        public string Help { get; } = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (double.IsNaN(value))
            {
                return;
            }

            var labels = PrometheusText.Labels(tags);
            var target = series.GetOrAdd(labels, _ => new Series(aggregation == Aggregation.Histogram ? HistogramBounds.Count + 1 : 0));
            target.Record(value, aggregation);
        }

        public void AppendSamples(StringBuilder text)
        {
            foreach (var (labels, values) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                values.Append(text, Name, labels, aggregation);
            }
        }

        private static PrometheusType TypeOf(Aggregation aggregation) => aggregation switch
        {
            Aggregation.Histogram => PrometheusType.Histogram,
            Aggregation.SumCounter or Aggregation.Counter => PrometheusType.Counter,
            _ => PrometheusType.Gauge,
        };
    }

    private sealed class Series(int buckets)
    {
        private readonly Lock gate = new();
        private readonly long[] bucketCounts = new long[buckets];
        private double value;

        public void Record(double measurement, Aggregation aggregation)
        {
            lock (gate)
            {
                switch (aggregation)
                {
                    case Aggregation.Histogram:
                        bucketCounts[BucketOf(measurement)]++;
                        value += measurement;
                        break;
                    case Aggregation.SumCounter or Aggregation.SumGauge:
                        value += measurement;
                        break;
                    default:
                        value = measurement;
                        break;
                }
            }
        }

        public void Append(StringBuilder text, string name, string labels, Aggregation aggregation)
        {
            lock (gate)
            {
                if (aggregation == Aggregation.Histogram)
                {
                    PrometheusText.AppendHistogram(text, name, labels, HistogramBounds, bucketCounts, value);
                }
                else
                {
                    PrometheusText.AppendSample(text, name, labels, value);
                }
            }
        }

        private static int BucketOf(double measurement)
        {
            for (var i = 0; i < HistogramBounds.Count; i++)
            {
                if (measurement <= HistogramBounds[i])
                {
                    return i;
                }
            }

            return HistogramBounds.Count;
        }
    }
}
