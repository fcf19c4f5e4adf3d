using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Streams.Runtime;

/// <summary>
/// One decoded picture of one stream, with its timing, in a pooled buffer of exactly its size.
/// </summary>
/// <remarks>
/// Frames come from a <see cref="FramePool"/> and go back to it with <see cref="Release"/>. One holder owns a frame
/// at a time (see <see cref="IPipelineItem"/>); metadata may be changed by the owner only. A frame must not be used
/// after its release: the object is reused for a later frame.
/// </remarks>
public sealed class Frame : IPipelineItem
{
    private const int Free = 0;
    private const int Owned = 1;

    private readonly FramePool _pool;
    private byte[]? _buffer;
    private int _length;
    private byte[]? _input;
    private int _inputLength;
    private int _state;

    internal Frame(FramePool pool) => _pool = pool;

    /// <inheritdoc />
    public StreamContext Stream { get; private set; } = null!;

    /// <inheritdoc />
    public bool IsEndOfStream { get; private set; }

    /// <summary>Position of the frame in its stream's output, from 0, without gaps from sampling.</summary>
    public long Sequence { get; set; }

    /// <summary>Presentation time from the source's container or RTP clock; null when the source gives none.</summary>
    public TimeSpan? Pts { get; set; }

    /// <summary>
    /// The source video's own frame rate (frames per second) before any sampling, or 0 when the source does not say.
    /// With detection sampled (a few frames per second kept out of 30), <see cref="Pts"/> gaps span several source
    /// frames; trackers count time in source frames so that their motion model means the same at any sampling rate.
    /// </summary>
    public double SourceFrameRate { get; set; }

    /// <summary>Wall-clock time the frame arrived from the decoder (UTC). RTSP PTS restart on reconnect; this does not.</summary>
    public DateTimeOffset ArrivalTime { get; set; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> at arrival, for latency measurements.</summary>
    public long ArrivalTimestamp { get; set; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>Layout of <see cref="Pixels"/>.</summary>
    public PixelFormat Format { get; private set; }

    /// <summary>The picture; valid until the frame is released. Empty for an end-of-stream marker.</summary>
    public Span<byte> Pixels => _buffer is null ? [] : _buffer.AsSpan(0, _length);

    /// <summary>
    /// Objects found in the frame, filled by inference and tracking. The list belongs to the frame object and is
    /// cleared when the frame is rented again, so steady-state use allocates nothing.
    /// </summary>
    public List<DetectedObject> Objects { get; } = new(64);

    /// <summary>Secondary models' results for <see cref="Objects"/>; cleared like it.</summary>
    public List<ObjectAttribute> Attributes { get; } = new(16);

    /// <summary>
    /// Tracked objects of earlier source frames that became known with this frame (see <see cref="PastObject"/>),
    /// oldest first; filled by the tracker and cleared like <see cref="Objects"/>. Empty unless detection skipped
    /// frames or a track was confirmed on this frame.
    /// </summary>
    public List<PastObject> PastObjects { get; } = [];

    /// <summary>
    /// The model input a preprocessing stage wrote ahead of the detector (float32 values, e.g. [3,H,W]), so that the
    /// detector only copies it into its batch; empty when there is none. Valid until <see cref="ReleaseInput"/> or the
    /// frame's release.
    /// </summary>
    public Span<float> Input => _input is null ? [] : MemoryMarshal.Cast<byte, float>(_input.AsSpan(0, _inputLength * sizeof(float)));

    /// <summary>
    /// The array behind <see cref="Input"/> (its first <see cref="Input"/>.Length floats): pooled arrays are pinned and
    /// never move, so native code may read it in place while the frame is owned; null when there is no input.
    /// </summary>
    public byte[]? InputArray => _input;

    /// <summary>
    /// Rents a buffer of <paramref name="values"/> floats from the frame's pool for <see cref="Input"/> (any earlier
    /// one goes back first) and returns it to be written. The owner only; the buffer goes back with the frame, or
    /// earlier with <see cref="ReleaseInput"/>.
    /// </summary>
    public Span<float> RentInput(int values)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(values);
        ReleaseInput();
        _input = _pool.Buffers.Rent(checked(values * sizeof(float)));
        _inputLength = values;
        return Input;
    }

    /// <summary>Gives the <see cref="Input"/> buffer back to the pool (once the detector has copied it); harmless without one.</summary>
    public void ReleaseInput()
    {
        if (_input is { } input)
        {
            _input = null;
            _inputLength = 0;
            _pool.Buffers.Return(input);
        }
    }

    /// <summary>The picture as memory, for asynchronous writers; valid until the frame is released.</summary>
    public Memory<byte> PixelMemory => _buffer is null ? Memory<byte>.Empty : _buffer.AsMemory(0, _length);

    internal void Initialize(StreamContext stream, byte[]? buffer, int length, int width, int height, PixelFormat format, bool endOfStream)
    {
        int previous = Interlocked.Exchange(ref _state, Owned);
        Debug.Assert(previous == Free, "A frame was rented while still owned.");
        Stream = stream;
        _buffer = buffer;
        _length = length;
        Width = width;
        Height = height;
        Format = format;
        IsEndOfStream = endOfStream;
        Sequence = 0;
        Pts = null;
        SourceFrameRate = 0;
        ArrivalTime = default;
        ArrivalTimestamp = 0;
        Objects.Clear();
        Attributes.Clear();
        PastObjects.Clear();
    }

    /// <summary>Gives the buffer and this object back to the pool. A second release is counted, not honoured.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _state, Free) != Owned)
        {
            _pool.CountDoubleRelease();
            return;
        }

        ReleaseInput();
        byte[]? buffer = _buffer;
        StreamContext stream = Stream;
        bool marker = IsEndOfStream;
        _buffer = null;
        Stream = null!;
        _pool.Return(this, buffer);
        if (marker)
        {
            // Whoever releases the marker holds the stream's last item: the stream has left the pipeline.
            stream.MarkLeftPipeline();
        }
    }
}
