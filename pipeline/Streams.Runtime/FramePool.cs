namespace Streams.Runtime;

/// <summary>
/// Hands out <see cref="Frame"/>s with exact-size pixel buffers and takes them back, keeping the accounting that
/// proves nothing leaked: after a run, a drop, a fault or a cancellation, <see cref="FramePoolStatistics.Outstanding"/>
/// is zero.
/// </summary>
public sealed class FramePool
{
    private readonly BufferPool _buffers;
    private readonly Stack<Frame> _frames = new();
    private readonly Lock _lock = new();
    private long _rented;
    private long _released;
    private long _doubleReleases;

    /// <summary>Creates a pool over <paramref name="buffers"/>, or over a pool of its own.</summary>
    public FramePool(BufferPool? buffers = null) => _buffers = buffers ?? new BufferPool();

    /// <summary>The pool the pixel buffers come from.</summary>
    public BufferPool Buffers => _buffers;

    /// <summary>
    /// Takes a frame for <paramref name="stream"/> with a buffer of exactly the size the format needs.
    /// The caller owns it until it hands it on or calls <see cref="Frame.Release"/>.
    /// </summary>
    public Frame Rent(StreamContext stream, int width, int height, PixelFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int length = PixelFormats.FrameSize(format, width, height);
        Frame frame = TakeFrame();
        frame.Initialize(stream, _buffers.Rent(length), length, width, height, format, endOfStream: false);
        return frame;
    }

    /// <summary>Takes the marker that follows the last item of <paramref name="stream"/>. It holds no buffer.</summary>
    public Frame RentEndOfStream(StreamContext stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Frame frame = TakeFrame();
        frame.Initialize(stream, null, 0, 0, 0, PixelFormat.Gray8, endOfStream: true);
        return frame;
    }

    /// <summary>A consistent snapshot of the frame accounting.</summary>
    public FramePoolStatistics GetStatistics()
    {
        lock (_lock)
        {
            return new FramePoolStatistics(_rented, _released, _doubleReleases, _buffers.GetStatistics());
        }
    }

    internal void Return(Frame frame, byte[]? buffer)
    {
        if (buffer is not null)
        {
            _buffers.Return(buffer);
        }

        lock (_lock)
        {
            _released++;
            _frames.Push(frame);
        }
    }

    internal void CountDoubleRelease()
    {
        lock (_lock)
        {
            _doubleReleases++;
        }
    }

    private Frame TakeFrame()
    {
        lock (_lock)
        {
            _rented++;
            if (_frames.TryPop(out Frame? frame))
            {
                return frame;
            }
        }

        return new Frame(this);
    }
}
