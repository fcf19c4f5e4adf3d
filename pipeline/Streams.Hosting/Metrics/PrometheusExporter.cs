using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Streams.Hosting.Metrics;

/// <summary>
/// Aggregates the instruments of the Streams meters and writes them in the Prometheus text exposition format
/// (version 0.0.4). Counters become <c>_total</c> series, histograms get cumulative <c>_bucket</c>, <c>_sum</c> and
/// <c>_count</c> series, and times are exported in seconds, Prometheus' base unit.
/// </summary>
/// <remarks>
/// <para>A scrape describes the present. Observable instruments (gauges, and counters read from live objects) are
/// observed at each scrape, and only what their callbacks return then is written: a series they stop reporting (an
/// edge or a stream that is gone) disappears at once instead of repeating its last value. Series of synchronous
/// instruments keep their sums until <see cref="RemoveSeries"/> drops those of something removed.</para>
/// <para>Recording a measurement allocates nothing once its tag combination has been seen.</para>
/// </remarks>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>
    /// Bucket bounds of every histogram, in the instrument's unit (milliseconds for latencies, written as seconds:
    /// 0.0005 to 10).
    /// </summary>
    public static readonly double[] Buckets = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Lock _scrapeLock = new();
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
                var series = new InstrumentSeries(instrument);
                lock (_lock)
                {
                    _series[instrument] = series;
                }

                listener.EnableMeasurementEvents(instrument, series);
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
        // One scrape at a time: another scrape's observation must not land between this one's clearing and writing.
        lock (_scrapeLock)
        {
            List<InstrumentSeries> series;
            lock (_lock)
            {
                series = [.. _series.Values];
            }

            foreach (InstrumentSeries s in series)
            {
                if (s.IsObservable)
                {
                    s.Clear();
                }
            }

            _listener.RecordObservableInstruments();
            series.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            var text = new StringBuilder(4096);
            for (int i = 0; i < series.Count;)
            {
                // Instruments of one name (the same instrument of several pipelines, told apart by their meter's
                // tags) form one metric family: Prometheus allows one HELP and TYPE per name.
                int end = i + 1;
                while (end < series.Count && series[end].Name == series[i].Name)
                {
                    end++;
                }

                int familyStart = text.Length;
                series[i].WriteHeader(text);
                int samplesStart = text.Length;
                for (int j = i; j < end; j++)
                {
                    series[j].WriteSamples(text);
                }

                if (text.Length == samplesStart)
                {
                    // No series at present: no family either.
                    text.Length = familyStart;
                }

                i = end;
            }

            return text.ToString();
        }
    }

    /// <summary>
    /// Drops every series whose measurement tag <paramref name="label"/> is <paramref name="value"/>, for something
    /// that no longer exists (a stream removed at runtime). A series that is recorded again later starts from zero,
    /// which Prometheus reads as a counter reset.
    /// </summary>
    public void RemoveSeries(string label, string value)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(value);
        List<InstrumentSeries> series;
        lock (_lock)
        {
            series = [.. _series.Values];
        }

        foreach (InstrumentSeries s in series)
        {
            s.Remove(label, value);
        }
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
        private readonly bool _lastValue;
        private readonly double _unitDivisor;

        public InstrumentSeries(Instrument instrument)
        {
            _instrument = instrument;
            Type? definition = instrument.GetType() is { IsGenericType: true } type ? type.GetGenericTypeDefinition() : null;
            _histogram = definition == typeof(Histogram<>);
            _gauge = definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>)
                || definition == typeof(ObservableUpDownCounter<>) || definition == typeof(UpDownCounter<>);

            // Observable instruments report totals and gauges report values; counters and up-down counters report
            // increments.
            _lastValue = instrument.IsObservable || definition == typeof(Gauge<>);
            _unitDivisor = PrometheusNames.UnitDivisor(instrument.Unit);
            Name = PrometheusNames.Metric(instrument.Name, instrument.Unit) + (_histogram || _gauge ? string.Empty : "_total");
        }

        public string Name { get; }

        public bool IsObservable => _instrument.IsObservable;

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
                else if (_lastValue)
                {
                    slot[0] = value;
                }
                else
                {
                    slot[0] += value;
                }
            }
        }

        /// <summary>Forgets every series, before the callbacks of an observable instrument report the present.</summary>
        public void Clear()
        {
            lock (_lock)
            {
                _values.Clear();
            }
        }

        public void Remove(string label, string value)
        {
            lock (_lock)
            {
                List<TagSet>? doomed = null;
                foreach (TagSet tags in _values.Keys)
                {
                    for (int i = 0; i < tags.Count; i++)
                    {
                        if (tags[i].Key == label && Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) == value)
                        {
                            (doomed ??= []).Add(tags);
                            break;
                        }
                    }
                }

                foreach (TagSet tags in doomed ?? [])
                {
                    _values.Remove(tags);
                }
            }
        }

        public void WriteHeader(StringBuilder text)
        {
            text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusNames.EscapeHelp(_instrument.Description ?? _instrument.Name)).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(_histogram ? "histogram" : _gauge ? "gauge" : "counter").Append('\n');
        }

        public void WriteSamples(StringBuilder text)
        {
            lock (_lock)
            {
                foreach (KeyValuePair<TagSet, double[]> entry in _values)
                {
                    if (_histogram)
                    {
                        for (int i = 0; i <= Buckets.Length; i++)
                        {
                            string le = i < Buckets.Length ? PrometheusNames.Value(Buckets[i] / _unitDivisor) : "+Inf";
                            WriteSample(text, Name + "_bucket", entry.Key, entry.Value[i], ("le", le));
                        }

                        WriteSample(text, Name + "_sum", entry.Key, entry.Value[Buckets.Length + 1] / _unitDivisor, null);
                        WriteSample(text, Name + "_count", entry.Key, entry.Value[Buckets.Length + 2], null);
                    }
                    else
                    {
                        WriteSample(text, Name, entry.Key, entry.Value[0] / _unitDivisor, null);
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
