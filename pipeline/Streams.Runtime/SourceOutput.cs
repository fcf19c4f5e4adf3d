using System.Diagnostics;

namespace Streams.Runtime;

/// <summary>
/// A source's way into the pipeline: rents frames of the right size and queues them on the stream's own edge, whose
/// policy decides what happens when the pipeline is slower than the source.
/// </summary>
public sealed class SourceOutput
{
    private readonly StreamContext _stream;
    private readonly Edge<Frame> _edge;
    private readonly FramePool _pool;
    private readonly PipelineMetrics _metrics;
    private readonly KeyValuePair<string, object?> _streamTag;
    private readonly AutoResetSignal _wake;
    private long _sequence;

    internal SourceOutput(StreamContext stream, Edge<Frame> edge, FramePool pool, PipelineMetrics metrics, AutoResetSignal wake)
    {
        _wake = wake;
        _stream = stream;
        _edge = edge;
        _pool = pool;
        _metrics = metrics;
        _streamTag = new KeyValuePair<string, object?>("stream", stream.Id);
    }

    /// <summary>The policy of the stream's edge: whether a full pipeline makes the source wait or drops frames.</summary>
    public EdgePolicy Policy => _edge.Options.Policy;

    /// <summary>Takes an empty frame of the stream. The source owns it until <see cref="WriteAsync"/>.</summary>
    public Frame Rent(int width, int height, PixelFormat format) => _pool.Rent(_stream, width, height, format);

    /// <summary>
    /// Stamps <paramref name="frame"/> with the next sequence number (and the arrival time, if the source did not)
    /// and queues it. Ownership passes in every case.
    /// </summary>
    /// <returns>False when the pipeline no longer takes frames of this stream: the source should return.</returns>
    public ValueTask<bool> WriteAsync(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        frame.Sequence = _sequence++;
        if (frame.ArrivalTimestamp == 0)
        {
            frame.ArrivalTimestamp = Stopwatch.GetTimestamp();
            frame.ArrivalTime = DateTimeOffset.UtcNow;
        }

        if (_stream.State is StreamState.Starting or StreamState.Reconnecting)
        {
            _stream.TrySetState(StreamState.Streaming);
        }

        _stream.CountProduced();
        _metrics.SourceFrames.Add(1, _streamTag);
        ValueTask<bool> write = _edge.WriteAsync(frame);
        if (write.IsCompletedSuccessfully)
        {
            _wake.Set();
            return write;
        }

        return WakeAfterAsync(write);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WakeAfterAsync(ValueTask<bool> write)
    {
        bool written = await write.ConfigureAwait(false);
        _wake.Set();
        return written;
    }
}
