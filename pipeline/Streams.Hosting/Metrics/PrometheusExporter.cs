using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Streams.Hosting.Metrics;

/// <summary>
/// Aggregates the instruments of the Streams meters and writes them in the Prometheus text exposition format
/// (version 0.0.4). Counters become <c>_total</c> series, histograms get cumulative <c>_bucket</c>, <c>_sum</c> and
/// <c>_count</c> series, and gauges are observed at scrape time.
/// </summary>
/// <remarks>Recording a measurement allocates nothing once its tag combination has been seen.</remarks>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>Bucket bounds of every histogram, in the instrument's unit (milliseconds for latencies).</summary>
    public static readonly double[] Buckets = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<Instrument, InstrumentSeries> _series = [];
    private readonly Func<Meter, bool> _include;

    /// <summary>Listens to every meter whose name starts with <c>Streams</c>, or those <paramref name="include"/> picks.</summary>
    public PrometheusExporter(Func<Meter, bool>? include = null)
    {
        _include = include ?? (static meter => meter.Name.StartsWith("Streams", StringComparison.Ordinal));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_include(instrument.Meter))
            {
                lock (_lock)
                {
                    _series[instrument] = new InstrumentSeries(instrument);
                }

                listener.EnableMeasurementEvents(instrument, _series[instrument]);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (_lock)
            {
                _series.Remove(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Writes every series in the Prometheus text format.</summary>
    public string Scrape()
    {
        // Gauges report only when asked.
        _listener.RecordObservableInstruments();
        var text = new StringBuilder(4096);
        List<InstrumentSeries> series;
        lock (_lock)
        {
            series = [.. _series.Values];
        }

        series.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (InstrumentSeries s in series)
        {
            s.Write(text);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    /// <summary>The aggregated series of one instrument.</summary>
    private sealed class InstrumentSeries
    {
        private readonly Instrument _instrument;
        private readonly Dictionary<TagSet, double[]> _values = [];
        private readonly Lock _lock = new();
        private readonly bool _histogram;
        private readonly bool _gauge;

        public InstrumentSeries(Instrument instrument)
        {
            _instrument = instrument;
            Type type = instrument.GetType();
            _histogram = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>);
            _gauge = type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ObservableGauge<>)
                || type.GetGenericTypeDefinition() == typeof(Gauge<>) || type.GetGenericTypeDefinition() == typeof(ObservableUpDownCounter<>)
                || type.GetGenericTypeDefinition() == typeof(UpDownCounter<>));
            Name = PrometheusNames.Metric(instrument.Name, instrument.Unit) + (_histogram || _gauge ? string.Empty : "_total");
        }

        public string Name { get; }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = new TagSet(tags);
            lock (_lock)
            {
                if (!_values.TryGetValue(key, out double[]? slot))
                {
                    // Histogram: one slot per bucket, then +Inf, sum and count.
                    slot = new double[_histogram ? Buckets.Length + 3 : 1];
                    _values.Add(key, slot);
                }

                if (_histogram)
                {
                    for (int i = 0; i < Buckets.Length; i++)
                    {
                        if (value <= Buckets[i])
                        {
                            slot[i]++;
                        }
                    }

                    slot[Buckets.Length]++;
                    slot[Buckets.Length + 1] += value;
                    slot[Buckets.Length + 2]++;
                }
                else if (_gauge || _instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal))
                {
                    // Observable instruments report totals, not increments.
                    slot[0] = value;
                }
                else
                {
                    slot[0] += value;
                }
            }
        }

        public void Write(StringBuilder text)
        {
            string baseName = Name;
            text.Append("# HELP ").Append(baseName).Append(' ').Append(PrometheusNames.EscapeHelp(_instrument.Description ?? _instrument.Name)).Append('\n');
            text.Append("# TYPE ").Append(baseName).Append(' ').Append(_histogram ? "histogram" : _gauge ? "gauge" : "counter").Append('\n');
            lock (_lock)
            {
                foreach (KeyValuePair<TagSet, double[]> entry in _values)
                {
                    if (_histogram)
                    {
                        for (int i = 0; i <= Buckets.Length; i++)
                        {
                            string le = i < Buckets.Length ? Buckets[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                            WriteSample(text, baseName + "_bucket", entry.Key, entry.Value[i], ("le", le));
                        }

                        WriteSample(text, baseName + "_sum", entry.Key, entry.Value[Buckets.Length + 1], null);
                        WriteSample(text, baseName + "_count", entry.Key, entry.Value[Buckets.Length + 2], null);
                    }
                    else
                    {
                        WriteSample(text, baseName, entry.Key, entry.Value[0], null);
                    }
                }
            }
        }

        private void WriteSample(StringBuilder text, string name, TagSet tags, double value, (string Key, string Value)? extra)
        {
            text.Append(name);
            bool any = false;
            void Label(string key, string? labelValue)
            {
                text.Append(any ? ',' : '{').Append(PrometheusNames.Label(key)).Append("=\"").Append(PrometheusNames.EscapeLabel(labelValue)).Append('"');
                any = true;
            }

            foreach (KeyValuePair<string, object?> tag in _instrument.Meter.Tags ?? [])
            {
                Label(tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
            }

            for (int i = 0; i < tags.Count; i++)
            {
                Label(tags[i].Key, Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture));
            }

            if (extra is { } e)
            {
                Label(e.Key, e.Value);
            }

            if (any)
            {
                text.Append('}');
            }

            text.Append(' ').Append(PrometheusNames.Value(value)).Append('\n');
        }
    }
}
