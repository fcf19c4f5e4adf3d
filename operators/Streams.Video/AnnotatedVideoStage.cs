using Streams.Options;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Runtime;
using Streams.Video.Internal;

namespace Streams.Video;

/// <summary>
/// Writes an annotated video per stream, the way DeepStream's nvdsosd plus an encoder, or Frigate's debug view, do:
/// each frame's pixels are copied into a pooled buffer, boxes with "class #track 0.87" labels, zones, counting lines
/// and a counts box are drawn on the copy (the pipeline's frame is never changed), and the copy goes over a bounded
/// queue to the stream's encoder task, which feeds an ffmpeg child (libx264, <c>&lt;Directory&gt;/&lt;stream&gt;.mp4</c>).
/// Frames are passed on unchanged.
/// </summary>
/// <remarks>
/// <para>Backpressure: when a stream's queue is full the stage waits for its encoder, so replayed files lose no frame;
/// a live source's edge then drops by its own policy, upstream. Other streams wait meanwhile (the stage runs on one
/// task), so <see cref="AnnotatedVideoOptions.Preset"/> must keep up with the total frame rate.</para>
/// <para>A stream's file is finished at its end-of-stream marker (ffmpeg gets end-of-file and is waited for in the
/// background), and every file still open at <see cref="CompleteAsync"/> or <see cref="DisposeAsync"/>, which wait
/// for them. ffmpeg never outlives the stage: a process that does not finish within
/// <see cref="AnnotatedVideoOptions.CloseTimeout"/> is killed, and the kernel kills it if this process dies.</para>
/// <para>A stream whose frame size changes starts a new file, <c>&lt;stream&gt;-1.mp4</c> and so on. Frames of
/// packed RGB formats are passed on but not recorded. An encoder that fails is logged with the tail of ffmpeg's
/// standard error, and the rest of that file's frames are not recorded; the pipeline goes on.</para>
/// <para>Derives from <see cref="Stage{TIn,TOut}"/> rather than <see cref="TransformStage{T}"/>: waiting for the
/// encoder needs an asynchronous step, which <see cref="TransformStage{T}"/>'s synchronous transform cannot take
/// without blocking a thread-pool thread. Ownership follows <see cref="TransformStage{T}"/>: the frame is released if
/// recording throws.</para>
/// </remarks>
public sealed class AnnotatedVideoStage : Stage<Frame, Frame>, IAsyncDisposable
{
    private static readonly TimeSpan s_killWait = TimeSpan.FromSeconds(10);

    private readonly AnnotatedVideoOptions _options;
    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly FrameAnnotator _annotator;
    private readonly EncoderCounters _counters = new();
    private readonly Dictionary<StreamContext, StreamRecorder> _streams = [];
    private readonly Dictionary<string, VideoEncoder> _closing = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _closed;

    /// <summary>Creates the stage; the directory is created now, encoders on each stream's first frame.</summary>
    /// <param name="options">Where files go and what is drawn.</param>
    /// <param name="logger">Receives encoder starts, finished files and failures. Default none.</param>
    /// <param name="name">The stage's name. Default <c>annotated-video</c>.</param>
    /// <exception cref="ArgumentException">The options have no directory or break one of their rules.</exception>
    public AnnotatedVideoStage(AnnotatedVideoOptions options, ILogger? logger = null, string name = "annotated-video")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidator.ThrowIfInvalid(options, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Directory);
        _options = options;
        _directory = options.Directory;
        _logger = logger ?? NullLogger.Instance;
        _annotator = new FrameAnnotator(options.ClassNames);
        System.IO.Directory.CreateDirectory(_directory);
    }

    /// <summary>The file a stream's recording goes to: <c>&lt;Directory&gt;/&lt;id&gt;.mp4</c>, with characters other than
    /// letters, digits, '-', '_' and '.' in the id replaced by '_'; segment n &gt; 0 adds <c>-n</c>.</summary>
    public string GetPath(string streamId, int segment = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        Span<char> name = streamId.Length <= 256 ? stackalloc char[streamId.Length] : new char[streamId.Length];
        for (int i = 0; i < streamId.Length; i++)
        {
            char c = streamId[i];
            name[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && i > 0) ? c : '_';
        }

        string file = segment == 0 ? string.Concat(name, ".mp4") : string.Concat(name, "-", segment.ToString(System.Globalization.CultureInfo.InvariantCulture), ".mp4");
        return Path.Combine(_directory, file);
    }

    /// <summary>Counters over all streams.</summary>
    public AnnotatedVideoStatistics GetStatistics() => _counters.Snapshot();

    /// <inheritdoc />
    public override ValueTask ProcessAsync(Frame item, StageOutput<Frame> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        ValueTask pending;
        try
        {
            if (item.IsEndOfStream)
            {
                EndStream(item.Stream);
                pending = default;
            }
            else
            {
                pending = Record(item, cancellationToken);
            }
        }
        catch
        {
            item.Release();
            throw;
        }

        if (!pending.IsCompleted)
        {
            return FinishAsync(pending, item, output);
        }

        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch
        {
            item.Release();
            throw;
        }

        ValueTask<bool> write = output.WriteAsync(item);
        return write.IsCompletedSuccessfully ? default : AwaitWrite(write);
    }

    /// <summary>Finishes every open file: ffmpeg gets end-of-file and is waited for (killed past the timeout).</summary>
    public override async ValueTask CompleteAsync(StageOutput<Frame> output, CancellationToken cancellationToken) =>
        await CloseAllAsync(final: false).ConfigureAwait(false);

    /// <summary>Finishes every open file as <see cref="CompleteAsync"/> does; afterwards no ffmpeg process of the stage
    /// runs and frames that still arrive are passed on unrecorded.</summary>
    public async ValueTask DisposeAsync() => await CloseAllAsync(final: true).ConfigureAwait(false);

    private ValueTask Record(Frame frame, CancellationToken cancellationToken)
    {
        StreamRecorder? recorder = GetRecorder(frame.Stream);
        if (recorder is null)
        {
            _counters.CountNotRecorded();
            return default;
        }

        if (!YuvCanvas.Supports(frame.Format))
        {
            if (!recorder.WarnedFormat)
            {
                recorder.WarnedFormat = true;
                _logger.LogWarning(VideoLogEvents.UnsupportedFormat, "Stream {StreamId}: {Format} frames cannot be annotated; they are not recorded",
                    frame.Stream.Id, frame.Format);
            }

            _counters.CountNotRecorded();
            return default;
        }

        VideoEncoder? encoder = recorder.Encoder;
        if (encoder is not null && (encoder.Width != frame.Width || encoder.Height != frame.Height || encoder.Format != frame.Format))
        {
            _logger.LogWarning(VideoLogEvents.SizeChanged, "Stream {StreamId}: frames changed from {OldWidth}x{OldHeight} {OldFormat} to {Width}x{Height} {Format}; starting a new file",
                frame.Stream.Id, encoder.Width, encoder.Height, encoder.Format, frame.Width, frame.Height, frame.Format);
            Close(recorder);
            recorder.Segment++;
            encoder = null;
        }

        if (encoder is null)
        {
            string path = GetPath(frame.Stream.Id, recorder.Segment);
            VideoEncoder? previous;
            lock (_lock)
            {
                _closing.TryGetValue(path, out previous);
            }

            if (previous is not null && !previous.Completion.IsCompleted)
            {
                // The stream was removed and added again: its last file must be finished before it is overwritten.
                return StartAfterAsync(previous.Completion, frame, recorder, path, cancellationToken);
            }

            encoder = Start(recorder, frame, path);
        }

        return Queue(encoder, frame, recorder, cancellationToken);
    }

    private ValueTask Queue(VideoEncoder encoder, Frame frame, StreamRecorder recorder, CancellationToken cancellationToken)
    {
        if (encoder.IsClosed)
        {
            _counters.CountNotRecorded();
            return default;
        }

        byte[] buffer = encoder.Rent();
        try
        {
            Span<byte> picture = buffer.AsSpan(0, encoder.FrameLength);
            frame.Pixels.CopyTo(picture);
            var canvas = new YuvCanvas(picture, frame.Width, frame.Height, frame.Format);
            IReadOnlyList<(string Label, long Count)>? counts = _options.Counts?.Invoke(frame.Stream.Id);
            _annotator.Draw(canvas, CollectionsMarshal.AsSpan(frame.Objects), recorder.Zones, recorder.Lines, counts);
        }
        catch
        {
            encoder.Return(buffer);
            throw;
        }

        if (encoder.TryWrite(buffer))
        {
            _counters.CountQueued();
            return default;
        }

        return QueueAsync(encoder, buffer, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask QueueAsync(VideoEncoder encoder, byte[] buffer, CancellationToken cancellationToken)
    {
        if (await encoder.WriteAsync(buffer, cancellationToken).ConfigureAwait(false))
        {
            _counters.CountQueued();
        }
        else
        {
            _counters.CountNotRecorded();
        }
    }

    private async ValueTask StartAfterAsync(Task previous, Frame frame, StreamRecorder recorder, string path, CancellationToken cancellationToken)
    {
        await previous.WaitAsync(cancellationToken).ConfigureAwait(false);
        VideoEncoder encoder = Start(recorder, frame, path);
        await Queue(encoder, frame, recorder, cancellationToken).ConfigureAwait(false);
    }

    private VideoEncoder Start(StreamRecorder recorder, Frame frame, string path)
    {
        var encoder = new VideoEncoder(frame.Stream.Id, path, frame.Width, frame.Height, frame.Format, _options, _counters, _logger);
        recorder.Encoder = encoder;
        return encoder;
    }

    private StreamRecorder? GetRecorder(StreamContext stream)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return null;
            }

            if (!_streams.TryGetValue(stream, out StreamRecorder? recorder))
            {
                recorder = new StreamRecorder(
                    _options.Zones is { } zones && zones.TryGetValue(stream.Id, out IReadOnlyList<OverlayZone>? z) ? z : null,
                    _options.Lines is { } lines && lines.TryGetValue(stream.Id, out IReadOnlyList<OverlayLine>? l) ? l : null);
                _streams.Add(stream, recorder);
            }

            return recorder;
        }
    }

    private void EndStream(StreamContext stream)
    {
        StreamRecorder? recorder;
        lock (_lock)
        {
            if (!_streams.Remove(stream, out recorder))
            {
                return;
            }
        }

        Close(recorder);
    }

    private void Close(StreamRecorder recorder)
    {
        if (recorder.Encoder is not { } encoder)
        {
            return;
        }

        recorder.Encoder = null;
        encoder.Complete();
        lock (_lock)
        {
            _closing[encoder.Path] = encoder;
        }
    }

    private async Task CloseAllAsync(bool final)
    {
        List<VideoEncoder> encoders;
        lock (_lock)
        {
            _closed |= final;
            foreach (StreamRecorder recorder in _streams.Values)
            {
                if (recorder.Encoder is { } open)
                {
                    recorder.Encoder = null;
                    open.Complete();
                    _closing[open.Path] = open;
                }
            }

            _streams.Clear();
            encoders = [.. _closing.Values];
        }

        Task all = Task.WhenAll(encoders.Select(e => e.Completion));
        try
        {
            // The encoders bound their own wait for ffmpeg's exit; this also bounds a write that ffmpeg stopped reading.
            await all.WaitAsync(_options.CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            foreach (VideoEncoder encoder in encoders)
            {
                encoder.Kill();
            }

            await all.WaitAsync(s_killWait).ConfigureAwait(false);
        }

        lock (_lock)
        {
            foreach (VideoEncoder encoder in encoders)
            {
                if (_closing.TryGetValue(encoder.Path, out VideoEncoder? current) && current == encoder)
                {
                    _closing.Remove(encoder.Path);
                }
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask FinishAsync(ValueTask pending, Frame item, StageOutput<Frame> output)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch
        {
            item.Release();
            throw;
        }

        await output.WriteAsync(item).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask AwaitWrite(ValueTask<bool> pending) => await pending.ConfigureAwait(false);

    private sealed class StreamRecorder(IReadOnlyList<OverlayZone>? zones, IReadOnlyList<OverlayLine>? lines)
    {
        public IReadOnlyList<OverlayZone>? Zones { get; } = zones;

        public IReadOnlyList<OverlayLine>? Lines { get; } = lines;

        public VideoEncoder? Encoder { get; set; }

        public int Segment { get; set; }

        public bool WarnedFormat { get; set; }
    }
}
