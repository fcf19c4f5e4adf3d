using System.Diagnostics.Metrics;

namespace Streams.Runtime;

/// <summary>
/// The runtime's instruments, on one <see cref="Meter"/> per pipeline so that listeners (the Prometheus exporter,
/// tests) tell pipelines apart. Recording costs no allocation: tags are strings already held by stages and streams.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    /// <summary>The meter name every pipeline's instruments are published under.</summary>
    public const string MeterName = "Streams.Pipeline";

    // Label values of every state, in enum order, made once: a scrape reports each stream in each of them.
    private static readonly StreamState[] s_states = Enum.GetValues<StreamState>();
    private static readonly string[] s_stateNames = Array.ConvertAll(s_states, static state => state.ToString().ToLowerInvariant());

    private readonly Lock _lock = new();
    private readonly List<IEdge> _edges = [];
    private readonly List<StreamContext> _streams = [];

    /// <summary>Creates the instruments for the pipeline <paramref name="instanceId"/>.</summary>
    public PipelineMetrics(string instanceId = "streams")
    {
        Meter = new Meter(new MeterOptions(MeterName)
        {
            Tags = [new KeyValuePair<string, object?>("instance", instanceId)],
        });
        StageFramesIn = Meter.CreateCounter<long>("streams.stage.frames_in", "{frame}", "Items a stage took from its input.");
        StageFramesOut = Meter.CreateCounter<long>("streams.stage.frames_out", "{frame}", "Items a stage handed to its output.");
        FramesDropped = Meter.CreateCounter<long>("streams.frames.dropped", "{frame}", "Items that left the pipeline early, by reason.");
        SourceFrames = Meter.CreateCounter<long>("streams.source.frames", "{frame}", "Frames a source delivered into the pipeline.");
        StageLatency = Meter.CreateHistogram<double>("streams.stage.latency", "ms", "Time a stage spent on one item.");
        Meter.CreateObservableGauge("streams.queue.depth", ObserveQueueDepths, "{frame}", "Items waiting in an edge.");
        Meter.CreateObservableGauge("streams.stream.state", ObserveStreamStates, null,
            "Each stream's state: 1 for the state it is in, 0 for the others.");
        Meter.CreateObservableCounter("streams.source.reconnects", ObserveReconnects, "{reconnect}", "Times a live source was lost and retried.");
        Meter.CreateObservableCounter("streams.source.decode_errors", ObserveDecodeErrors, "{frame}",
            "Frames a source's decoder lost or delivered damaged (corrupt or missing input data).");
    }

    /// <summary>The meter all instruments belong to.</summary>
    public Meter Meter { get; }

    internal Counter<long> StageFramesIn { get; }

    internal Counter<long> StageFramesOut { get; }

    internal Counter<long> FramesDropped { get; }

    internal Counter<long> SourceFrames { get; }

    internal Histogram<double> StageLatency { get; }

    internal void RecordDrop(string where, StreamContext stream, DropReason reason)
    {
        stream.CountDropped(reason);
        FramesDropped.Add(1,
            new KeyValuePair<string, object?>("where", where),
            new KeyValuePair<string, object?>("stream", stream.Id),
            new KeyValuePair<string, object?>("reason", DropReasons.Name(reason)));
    }

    internal void Track(IEdge edge)
    {
        lock (_lock)
        {
            _edges.Add(edge);
        }
    }

    internal void Untrack(IEdge edge)
    {
        lock (_lock)
        {
            _edges.Remove(edge);
        }
    }

    internal void Track(StreamContext stream)
    {
        lock (_lock)
        {
            _streams.Add(stream);
        }
    }

    internal void Untrack(StreamContext stream)
    {
        lock (_lock)
        {
            _streams.Remove(stream);
        }
    }

    private List<Measurement<int>> ObserveQueueDepths()
    {
        lock (_lock)
        {
            var measurements = new List<Measurement<int>>(_edges.Count);
            foreach (IEdge edge in _edges)
            {
                measurements.Add(new Measurement<int>(edge.Count, new KeyValuePair<string, object?>("edge", edge.Name)));
            }

            return measurements;
        }
    }

    private List<Measurement<int>> ObserveStreamStates()
    {
        lock (_lock)
        {
            // Every state with 0 or 1, as kube-state-metrics does: a query or alert on one state sees the stream
            // leave it (0), not a series that silently stops.
            var measurements = new List<Measurement<int>>(_streams.Count * s_states.Length);
            foreach (StreamContext stream in _streams)
            {
                StreamState current = stream.State;
                for (int i = 0; i < s_states.Length; i++)
                {
                    measurements.Add(new Measurement<int>(s_states[i] == current ? 1 : 0,
                        new KeyValuePair<string, object?>("stream", stream.Id),
                        new KeyValuePair<string, object?>("state", s_stateNames[i])));
                }
            }

            return measurements;
        }
    }

    private List<Measurement<long>> ObserveReconnects()
    {
        lock (_lock)
        {
            var measurements = new List<Measurement<long>>(_streams.Count);
            foreach (StreamContext stream in _streams)
            {
                measurements.Add(new Measurement<long>(stream.Reconnects, new KeyValuePair<string, object?>("stream", stream.Id)));
            }

            return measurements;
        }
    }

    private List<Measurement<long>> ObserveDecodeErrors()
    {
        lock (_lock)
        {
            var measurements = new List<Measurement<long>>(_streams.Count);
            foreach (StreamContext stream in _streams)
            {
                measurements.Add(new Measurement<long>(stream.DecodeErrors, new KeyValuePair<string, object?>("stream", stream.Id)));
            }

            return measurements;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Meter.Dispose();
}
