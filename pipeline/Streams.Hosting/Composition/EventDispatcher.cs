using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Streams.Analytics;
using Streams.Runtime;
using Streams.Sinks;

namespace Streams.Hosting.Composition;

/// <summary>
/// Carries analytics events to every sink: one task reads the analytics stage's channel, encodes each event once and
/// hands it to each sink in turn (a sink's intake being full slows the pipeline: backpressure, not loss).
/// </summary>
/// <remarks>
/// An event is never lost silently: one that cannot be encoded, or that a stopped or failed sink refuses, is counted
/// by reason and logged once per reason.
/// </remarks>
internal sealed class EventDispatcher
{
    private readonly ChannelReader<AnalyticsEvent> _events;
    private readonly Func<AnalyticsEvent, OutgoingEvent> _encode;
    private readonly IReadOnlyList<IEventSink> _sinks;
    private readonly Action<AnalyticsEvent>? _observer;
    private readonly ILogger _logger;
    private readonly HashSet<string> _loggedReasons = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _perStream = new(StringComparer.Ordinal);
    private long _dispatched;
    private long _dropped;

    public EventDispatcher(ChannelReader<AnalyticsEvent> events, Func<AnalyticsEvent, OutgoingEvent> encode, IReadOnlyList<IEventSink> sinks,
        Action<AnalyticsEvent>? observer, ILogger logger)
    {
        _observer = observer;
        _events = events;
        _encode = encode;
        _sinks = sinks;
        _logger = logger;
    }

    /// <summary>Events handed to every sink.</summary>
    public long Dispatched => Interlocked.Read(ref _dispatched);

    /// <summary>Events raised for one stream (observed, whether or not any sink took them).</summary>
    public long DispatchedFor(string streamId) => _perStream.GetValueOrDefault(streamId);

    /// <summary>Events (per sink) that did not reach a sink, each counted with its reason.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Runs until the analytics channel completes and is drained, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (AnalyticsEvent analyticsEvent in _events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _observer?.Invoke(analyticsEvent);
            _perStream.AddOrUpdate(analyticsEvent.StreamId, 1, static (_, n) => n + 1);
            if (_sinks.Count == 0)
            {
                continue;
            }

            OutgoingEvent outgoing;
            try
            {
                outgoing = _encode(analyticsEvent);
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
            {
                Drop(_sinks.Count, "encode-failed", $"event {analyticsEvent.Id} could not be encoded: {ex.Message}");
                continue;
            }

            foreach (IEventSink sink in _sinks)
            {
                try
                {
                    await sink.WriteAsync(outgoing, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException ex)
                {
                    Drop(1, "sink-stopped", $"sink {sink.Name} refused event {outgoing.EventId}: {ex.Message}");
                }
            }

            Interlocked.Increment(ref _dispatched);
        }
    }

    private void Drop(int count, string reason, string detail)
    {
        Interlocked.Add(ref _dropped, count);
        if (_loggedReasons.Add(reason))
        {
            _logger.LogError(LogEvents.EventsDropped, "DROPPING events ({Reason}): {Detail}; further drops for this reason are counted, not logged",
                reason, detail);
        }
    }
}
