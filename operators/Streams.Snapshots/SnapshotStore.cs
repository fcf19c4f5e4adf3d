using Streams.Options;
using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Analytics;
using Streams.Runtime;

namespace Streams.Snapshots;

/// <summary>
/// Keeps a JPEG crop of each track's best view under <see cref="SnapshotOptions.Directory"/>, as
/// <c>&lt;stream id&gt;/&lt;track id&gt;.jpg</c>: the <see cref="ISnapshotRecorder"/> behind
/// <see cref="AnalyticsStageOptions.Snapshots"/>.
/// </summary>
/// <remarks>
/// <para>On the frame path a sighting the <see cref="BestViewPolicy"/> accepts is cropped and encoded at once (a crop
/// takes well under a millisecond, and the frame is reused after the call); the JPEG then goes through a bounded queue
/// to one writer task, which writes a temporary file and renames it over the old one, so readers never see half a
/// file. A full queue drops the JPEG; failed encodes and writes are counted (<see cref="GetStatistics"/>) and the
/// first of each kind is logged: nothing is thrown into the pipeline.</para>
/// <para>Safe to share between streams and stages. Dispose it after the pipeline: that waits for queued writes.</para>
/// </remarks>
public sealed class SnapshotStore : ISnapshotRecorder, IAsyncDisposable
{
    private readonly SnapshotOptions _options;
    private readonly string _directory;
    private readonly BestViewPolicy _policy;
    private readonly ILogger _logger;
    private readonly JpegEncoder _encoder;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Stream, long Track), TrackSnapshotState> _tracks = new();
    private readonly ArrayBufferWriter<byte> _jpeg = new(64 * 1024);
    private readonly Channel<SnapshotWrite> _writes;
    private readonly Task _writer;
    private long _encoded;
    private long _written;
    private long _writeFailures;
    private long _encodeFailures;
    private long _dropped;
    private int _loggedWriteFailure;
    private int _loggedEncodeFailure;
    private int _loggedDrop;
    private bool _disposed;

    /// <summary>Creates the store and starts its writer.</summary>
    /// <param name="options">Directory, quality, size and rate limits.</param>
    /// <param name="logger">Where the first failure of each kind is logged.</param>
    /// <exception cref="ArgumentException">The options have no directory or break one of their rules.</exception>
    /// <exception cref="DllNotFoundException">libturbojpeg.so.0 is not installed.</exception>
    public SnapshotStore(SnapshotOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidator.ThrowIfInvalid(options, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.Directory);
        _options = options;
        _directory = Path.GetFullPath(options.Directory);
        _policy = new BestViewPolicy(options);
        _logger = logger ?? NullLogger.Instance;
        _encoder = new JpegEncoder(options.Quality, options.MaxSide, options.ExpandLimitedRange);
        _writes = Channel.CreateBounded<SnapshotWrite>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteAllAsync);
    }

    /// <summary>The directory snapshots are written under (absolute).</summary>
    public string Directory => _directory;

    /// <summary>The options the store was created with.</summary>
    public SnapshotOptions Options => _options;

    /// <summary>Tracks with snapshot state (offered and not completed).</summary>
    public int LiveTracks
    {
        get
        {
            lock (_lock)
            {
                return _tracks.Count;
            }
        }
    }

    /// <summary>The absolute path of a reference's file.</summary>
    public string FullPath(SnapshotReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Path.Combine(_directory, reference.Path);
    }

    /// <inheritdoc />
    public SnapshotReference? Offer(string streamId, Frame frame, in DetectedObject detected)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(frame);
        var candidate = new BestView(detected.Confidence, detected.Box.Area, TimeOf(frame));
        lock (_lock)
        {
            if (_disposed)
            {
                return null;
            }

            var key = (streamId, detected.TrackId);
            if (!_tracks.TryGetValue(key, out TrackSnapshotState? track))
            {
                track = new TrackSnapshotState(SnapshotPaths.Relative(streamId, detected.TrackId));
                _tracks.Add(key, track);
            }

            if (!_policy.ShouldEncode(track.Encoded, track.Encodes, candidate))
            {
                return track.Reference;
            }

            _jpeg.ResetWrittenCount();
            JpegCrop crop;
            try
            {
                if (!_encoder.TryEncodeCrop(frame, detected.Box, _jpeg, out crop))
                {
                    return track.Reference;
                }
            }
            catch (InvalidOperationException e)
            {
                Interlocked.Increment(ref _encodeFailures);
                if (Interlocked.Exchange(ref _loggedEncodeFailure, 1) == 0)
                {
                    _logger.LogWarning(e, "Snapshot of track {TrackId} on stream {StreamId} could not be encoded; later failures are counted only.", detected.TrackId, streamId);
                }

                return track.Reference;
            }

            _encoded++;
            byte[] jpeg = ArrayPool<byte>.Shared.Rent(crop.Length);
            _jpeg.WrittenSpan.CopyTo(jpeg);
            if (!_writes.Writer.TryWrite(new SnapshotWrite(track, jpeg, crop.Length)))
            {
                ArrayPool<byte>.Shared.Return(jpeg);
                Interlocked.Increment(ref _dropped);
                if (Interlocked.Exchange(ref _loggedDrop, 1) == 0)
                {
                    _logger.LogWarning("Snapshot writer is {Capacity} files behind: snapshots are dropped (counted) until it catches up.", _options.QueueCapacity);
                }

                return track.Reference;
            }

            track.Encoded = candidate;
            track.Encodes++;
            track.Reference = new SnapshotReference(track.RelativePath, crop.Width, crop.Height, frame.Sequence);
            return track.Reference;
        }
    }

    /// <inheritdoc />
    public SnapshotReference? Complete(string streamId, long trackId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        lock (_lock)
        {
            // A failed write is known only once the writer got to it; a later successful one clears the mark.
            return _tracks.Remove((streamId, trackId), out TrackSnapshotState? track) && !track.LastWriteFailed ? track.Reference : null;
        }
    }

    /// <summary>What the store has done so far.</summary>
    public SnapshotStatistics GetStatistics() => new(
        Interlocked.Read(ref _encoded),
        Interlocked.Read(ref _written),
        Interlocked.Read(ref _writeFailures),
        Interlocked.Read(ref _encodeFailures),
        Interlocked.Read(ref _dropped));

    /// <summary>Stops taking snapshots, waits for queued writes, and releases the encoder.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writes.Writer.TryComplete();
        }

        await _writer.ConfigureAwait(false);
        lock (_lock)
        {
            _encoder.Dispose();
        }
    }

    /// <summary>The frame's time for the rate limit: its PTS, else its arrival time.</summary>
    private static TimeSpan TimeOf(Frame frame) => frame.Pts ?? (frame.ArrivalTime - DateTimeOffset.UnixEpoch);

    private async Task WriteAllAsync()
    {
        await foreach (SnapshotWrite write in _writes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            string path = Path.Combine(_directory, write.Track.RelativePath);
            try
            {
                WriteFile(path, write.Jpeg.AsSpan(0, write.Length));
                write.Track.LastWriteFailed = false;
                Interlocked.Increment(ref _written);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
            {
                write.Track.LastWriteFailed = true;
                Interlocked.Increment(ref _writeFailures);
                if (Interlocked.Exchange(ref _loggedWriteFailure, 1) == 0)
                {
                    _logger.LogWarning(e, "Snapshot {Path} could not be written; later failures are counted only.", path);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(write.Jpeg);
            }
        }
    }

    private static void WriteFile(string path, ReadOnlySpan<byte> jpeg)
    {
        // Every time, not cached: someone pruning old snapshots may remove the directory while the store runs.
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Write aside, then rename over the old file: a reader sees the old snapshot or the new one, never half of one.
        string temporary = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                file.Write(jpeg);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the write's own failure is what gets counted.
        }
    }
}
