using System.Runtime.InteropServices;
using Streams.Runtime;

namespace Streams.Analytics;

/// <summary>
/// Runs the analytics rules on tracked frames, one <see cref="StreamAnalytics"/> per stream, and publishes the events
/// in order before passing each frame on; a stream's end-of-stream marker ends all its live tracks
/// (<c>zone.exit</c>, <c>object.end</c>) and publishes a final <c>counts</c> before the marker goes on.
/// </summary>
/// <remarks>
/// Publishing applies backpressure: while the publisher is behind, this stage waits, and so does the pipeline behind
/// it. Frames are not changed. If publishing throws, the frame is released and the stream fails (the runtime's rule
/// for a stage exception).
/// </remarks>
public sealed class AnalyticsStage : Stage<Frame, Frame>
{
    private readonly AnalyticsStageOptions _options;
    private readonly IEventPublisher _publisher;
    private readonly List<AnalyticsEvent> _events = new(16);
    private StreamAnalytics?[] _streams = new StreamAnalytics?[8];
    private StreamContext?[] _contexts = new StreamContext?[8];

    /// <summary>Creates the stage.</summary>
    /// <param name="options">The rules; null for none (object life cycle and counts only).</param>
    /// <param name="publisher">Where events go.</param>
    /// <param name="name">The stage's name in logs and metrics.</param>
    /// <exception cref="ArgumentException">The options break one of their rules.</exception>
    public AnalyticsStage(AnalyticsStageOptions? options, IEventPublisher publisher, string name = "analytics")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        _options = options ?? AnalyticsStageOptions.Default;
        _options.ThrowIfInvalid(nameof(options));
        _publisher = publisher;
    }

    /// <summary>Streams with live analytics state.</summary>
    public int ActiveStreams
    {
        get
        {
            int n = 0;
            foreach (StreamAnalytics? s in _streams)
            {
                n += s is null ? 0 : 1;
            }

            return n;
        }
    }

    /// <inheritdoc />
    public override ValueTask ProcessAsync(Frame item, StageOutput<Frame> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        List<AnalyticsEvent> events = _events;
        events.Clear();
        int published = 0;
        try
        {
            if (item.IsEndOfStream)
            {
                EndStream(item.Stream, events);
            }
            else
            {
                StreamAnalytics analytics = AnalyticsOf(item.Stream);
                var frame = new AnalyticsFrame(item.Sequence, item.Pts, item.ArrivalTime, item.Width, item.Height);
                analytics.Process(frame, CollectionsMarshal.AsSpan(item.PastObjects), CollectionsMarshal.AsSpan(item.Objects), CollectionsMarshal.AsSpan(item.Attributes), events, item);
            }

            for (; published < events.Count; published++)
            {
                ValueTask publish = _publisher.PublishAsync(events[published], cancellationToken);
                if (!publish.IsCompletedSuccessfully)
                {
                    return PublishRestAsync(publish, published, item, output, cancellationToken);
                }
            }
        }
        catch
        {
            item.Release();
            throw;
        }

        ValueTask<bool> write = output.WriteAsync(item);
        return write.IsCompletedSuccessfully ? default : AwaitWriteAsync(write);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask PublishRestAsync(ValueTask pending, int index, Frame item, StageOutput<Frame> output, CancellationToken cancellationToken)
    {
        try
        {
            await pending.ConfigureAwait(false);
            for (int i = index + 1; i < _events.Count; i++)
            {
                await _publisher.PublishAsync(_events[i], cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            item.Release();
            throw;
        }

        await output.WriteAsync(item).ConfigureAwait(false);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask AwaitWriteAsync(ValueTask<bool> pending) => await pending.ConfigureAwait(false);

    private StreamAnalytics AnalyticsOf(StreamContext stream)
    {
        int index = stream.Index;
        if (index >= _streams.Length)
        {
            int length = Math.Max(index + 1, _streams.Length * 2);
            Array.Resize(ref _streams, length);
            Array.Resize(ref _contexts, length);
        }

        if (_streams[index] is { } existing && ReferenceEquals(_contexts[index], stream))
        {
            return existing;
        }

        // A new stream, or a new one on the index of a stream whose marker never reached this stage.
        var analytics = new StreamAnalytics(stream.Id, _options);
        _streams[index] = analytics;
        _contexts[index] = stream;
        return analytics;
    }

    private void EndStream(StreamContext stream, List<AnalyticsEvent> events)
    {
        int index = stream.Index;
        if (index < _streams.Length && _streams[index] is { } analytics && ReferenceEquals(_contexts[index], stream))
        {
            analytics.End(events);
            _streams[index] = null;
            _contexts[index] = null;
        }
    }
}
