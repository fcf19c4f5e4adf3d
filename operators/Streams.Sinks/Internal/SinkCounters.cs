using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Streams.Sinks.Internal;

/// <summary>One sink's counters: each increment updates the snapshot fields and the shared meter's instruments.</summary>
internal sealed class SinkCounters
{
    private static readonly Meter s_meter = new(SinkMetrics.MeterName);
    private static readonly Counter<long> s_accepted = s_meter.CreateCounter<long>(SinkMetrics.Accepted, "{event}", "Events accepted by a sink");
    private static readonly Counter<long> s_sent = s_meter.CreateCounter<long>(SinkMetrics.Sent, "{event}", "Produce calls: first sends, resends and replays");
    private static readonly Counter<long> s_acked = s_meter.CreateCounter<long>(SinkMetrics.Acknowledged, "{event}", "Events acknowledged by the destination");
    private static readonly Counter<long> s_failed = s_meter.CreateCounter<long>(SinkMetrics.Failed, "{event}", "Delivery reports carrying an error");
    private static readonly Counter<long> s_retried = s_meter.CreateCounter<long>(SinkMetrics.Retried, "{event}", "Events produced again after a failure");
    private static readonly Counter<long> s_spooled = s_meter.CreateCounter<long>(SinkMetrics.Spooled, "{event}", "Events written to the disk spool");
    private static readonly Counter<long> s_replayed = s_meter.CreateCounter<long>(SinkMetrics.Replayed, "{event}", "Events produced from the spool");
    private static readonly Counter<long> s_dropped = s_meter.CreateCounter<long>(SinkMetrics.Dropped, "{event}", "Events dropped, by reason");
    private static readonly Histogram<double> s_latency = s_meter.CreateHistogram<double>(SinkMetrics.AckLatency, "ms", "Produce call to acknowledgement");

    private static readonly int s_reasonCount = Enum.GetValues<EventDropReason>().Length;

    private readonly KeyValuePair<string, object?> _sinkTag;
    private readonly long[] _dropped = new long[s_reasonCount];
    private long _accepted, _sent, _acked, _failed, _retried, _spooled, _replayed;

    public SinkCounters(string sink) => _sinkTag = new("sink", sink);

    public void Accepted(long n = 1) => Add(ref _accepted, s_accepted, n);

    public void Sent(long n = 1) => Add(ref _sent, s_sent, n);

    public void Retried(long n = 1) => Add(ref _retried, s_retried, n);

    public void Spooled(long n = 1) => Add(ref _spooled, s_spooled, n);

    public void Replayed(long n = 1) => Add(ref _replayed, s_replayed, n);

    public void Acknowledged(double latencyMs)
    {
        Add(ref _acked, s_acked, 1);
        if (latencyMs >= 0)
        {
            s_latency.Record(latencyMs, _sinkTag);
        }
    }

    public void Failed(string error)
    {
        Interlocked.Increment(ref _failed);
        s_failed.Add(1, _sinkTag, new KeyValuePair<string, object?>("error", error));
    }

    public void Dropped(EventDropReason reason, long n = 1)
    {
        Debug.Assert(n > 0);
        Interlocked.Add(ref _dropped[(int)reason], n);
        s_dropped.Add(n, _sinkTag, new KeyValuePair<string, object?>("reason", reason.ToString()));
    }

    public long DroppedCount(EventDropReason reason) => Interlocked.Read(ref _dropped[(int)reason]);

    public EventSinkStatistics Snapshot(long inFlight, long spoolPending, long spoolBytes)
    {
        var dropped = new Dictionary<EventDropReason, long>();
        for (int i = 0; i < _dropped.Length; i++)
        {
            long n = Interlocked.Read(ref _dropped[i]);
            if (n > 0)
            {
                dropped[(EventDropReason)i] = n;
            }
        }

        return new EventSinkStatistics(
            Interlocked.Read(ref _accepted), Interlocked.Read(ref _sent), Interlocked.Read(ref _acked),
            Interlocked.Read(ref _failed), Interlocked.Read(ref _retried), Interlocked.Read(ref _spooled),
            Interlocked.Read(ref _replayed), inFlight, spoolPending, spoolBytes, dropped);
    }

    private void Add(ref long field, Counter<long> counter, long n)
    {
        Interlocked.Add(ref field, n);
        counter.Add(n, _sinkTag);
    }
}
