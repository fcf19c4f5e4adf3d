using System.Collections.Concurrent;
using Streams.Analytics;

namespace Streams.Hosting.Composition;

/// <summary>
/// Running counts per stream for the annotated video's corner box: line crossings by direction and zone entries,
/// updated from analytics events (dispatcher task) and read per frame (video stage task) without allocating there.
/// </summary>
internal sealed class OverlayCounts
{
    private readonly ConcurrentDictionary<string, StreamCounts> _streams = new(StringComparer.Ordinal);

    public void Observe(AnalyticsEvent e)
    {
        switch (e)
        {
            case LineCrossEvent crossing:
                Counter(e.StreamId).Add($"{crossing.LineId} {crossing.Direction}");
                break;
            case ZoneEnterEvent enter:
                Counter(e.StreamId).Add($"{enter.ZoneId} entries");
                break;
        }
    }

    /// <summary>The current counts of <paramref name="streamId"/> (a snapshot replaced on every change).</summary>
    public IReadOnlyList<(string Label, long Count)> For(string streamId) =>
        _streams.TryGetValue(streamId, out StreamCounts? counts) ? counts.Current : [];

    private StreamCounts Counter(string streamId) => _streams.GetOrAdd(streamId, static _ => new StreamCounts());

    private sealed class StreamCounts
    {
        private readonly Lock _lock = new();
        private readonly List<(string Label, long Count)> _counts = [];

        public IReadOnlyList<(string Label, long Count)> Current { get; private set; } = [];

        public void Add(string label)
        {
            lock (_lock)
            {
                int i = _counts.FindIndex(c => c.Label == label);
                if (i < 0)
                {
                    _counts.Add((label, 1));
                }
                else
                {
                    _counts[i] = (label, _counts[i].Count + 1);
                }

                Current = _counts.ToArray();
            }
        }
    }
}
