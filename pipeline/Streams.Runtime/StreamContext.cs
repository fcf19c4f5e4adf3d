using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>
/// One stream's identity, state and counters, shared by every item of the stream so that stages reach them without
/// a lookup. Thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "Its CancellationTokenSource has no timer and holds nothing native; contexts outlive their sources for status queries.")]
public sealed class StreamContext
{
    private readonly long[] _dropped = new long[DropReasons.Count];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _leftPipeline = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stateLock = new();
    private readonly ILogger _logger;
    private volatile StreamState _state = StreamState.Starting;
    private string? _reason;
    private long _reconnects;
    private long _framesProduced;
    private long _framesCompleted;
    private long _decodeErrors;

    /// <summary>Creates the context of stream <paramref name="id"/>.</summary>
    /// <param name="id">The stream's id from the configuration.</param>
    /// <param name="index">A small dense number, unique among the pipeline's streams, for per-stream arrays.</param>
    /// <param name="displayUri">The source's address with credentials already redacted; safe for logs.</param>
    /// <param name="logger">Receives state transitions.</param>
    public StreamContext(string id, int index, string displayUri, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Id = id;
        Index = index;
        DisplayUri = displayUri;
        _logger = logger;
    }

    /// <summary>The stream's id from the configuration.</summary>
    public string Id { get; }

    /// <summary>A small dense number, unique among the pipeline's live streams.</summary>
    public int Index { get; }

    /// <summary>The source address with any <c>user:pass@</c> redacted.</summary>
    public string DisplayUri { get; }

    /// <summary>The current state.</summary>
    public StreamState State => _state;

    /// <summary>Why the stream is in its state (for <see cref="StreamState.Failed"/>: the error), or null.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>True once the stream failed; stages discard its remaining items.</summary>
    public bool IsFailed => _state == StreamState.Failed;

    /// <summary>Canceled when the stream's source must stop: a graceful stop, a removal, or a failure.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Frames the source delivered into the pipeline.</summary>
    public long FramesProduced => Interlocked.Read(ref _framesProduced);

    /// <summary>Frames that went all the way through the last stage.</summary>
    public long FramesCompleted => Interlocked.Read(ref _framesCompleted);

    /// <summary>Items of this stream dropped for <paramref name="reason"/>.</summary>
    public long GetDropped(DropReason reason) => Interlocked.Read(ref _dropped[(int)reason]);

    /// <summary>Items of this stream dropped for any reason.</summary>
    public long TotalDropped
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _dropped.Length; i++)
            {
                total += Interlocked.Read(ref _dropped[i]);
            }

            return total;
        }
    }

    /// <summary>
    /// Frames the source's decoder lost or delivered damaged (corrupt or missing data in the input): damage that
    /// leaves no other trace, since a frame that never decoded is never produced or dropped.
    /// </summary>
    public long DecodeErrors => Interlocked.Read(ref _decodeErrors);

    /// <summary>Counts one frame lost or marred by the source's decoder (see <see cref="DecodeErrors"/>).</summary>
    public void CountDecodeError() => Interlocked.Increment(ref _decodeErrors);

    internal void CountProduced() => Interlocked.Increment(ref _framesProduced);

    internal void CountCompleted() => Interlocked.Increment(ref _framesCompleted);

    /// <summary>Times a live source of the stream lost its input or failed to connect and will try again: every
    /// failed attempt counts, also while the stream stays <see cref="StreamState.Reconnecting"/>.</summary>
    public long Reconnects
    {
        get
        {
            lock (_stateLock)
            {
                return _reconnects;
            }
        }
    }

    internal void CountDropped(DropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);

    /// <summary>
    /// Completes once the stream's end-of-stream marker has been released by its last holder (the end of the graph,
    /// a drop, or the drain at shutdown). Items travel in order, so nothing of the stream is left to count after it.
    /// </summary>
    internal Task LeftPipeline => _leftPipeline.Task;

    internal void MarkLeftPipeline() => _leftPipeline.TrySetResult();

    /// <summary>
    /// Moves the stream to <paramref name="state"/> with a reason. <see cref="StreamState.Failed"/> and
    /// <see cref="StreamState.Ended"/> are final: later transitions are ignored. A move to the state it is in is
    /// ignored too, except <see cref="StreamState.Reconnecting"/>: each failed attempt of a live source is a new
    /// reconnect, with its own reason (the error, the failures in a row, the current wait), and is counted.
    /// </summary>
    /// <returns>True if the state changed (or a reconnect was counted).</returns>
    public bool TrySetState(StreamState state, string? reason = null)
    {
        lock (_stateLock)
        {
            StreamState current = _state;
            if ((current == state && state != StreamState.Reconnecting) || current is StreamState.Failed or StreamState.Ended)
            {
                return false;
            }

            Volatile.Write(ref _reason, reason);
            _state = state;
            if (state == StreamState.Reconnecting)
            {
                _reconnects++;
            }
        }

        if (state == StreamState.Failed)
        {
            _logger.LogError(LogEvents.StreamStateChanged, "Stream {StreamId} ({Uri}) failed: {Reason}", Id, DisplayUri, reason);
        }
        else
        {
            _logger.LogInformation(LogEvents.StreamStateChanged, "Stream {StreamId} ({Uri}) is {State}{Reason}",
                Id, DisplayUri, state, reason is null ? string.Empty : ": " + reason);
        }

        return true;
    }

    /// <summary>
    /// Fails the stream because of <paramref name="error"/> in <paramref name="where"/>: its source is told to stop
    /// and its remaining items are discarded. Other streams are not affected.
    /// </summary>
    public void Fail(string where, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (TrySetState(StreamState.Failed, $"{where}: {error.Message}"))
        {
            RequestStop();
        }
    }

    /// <summary>Tells the stream's source to stop. Harmless when repeated.</summary>
    public void RequestStop()
    {
        // Cancel off the caller's thread: the caller may be a stage's loop, and the source's stop callbacks
        // (killing a child process) must not run on it.
        if (!_stopping.IsCancellationRequested)
        {
            _ = _stopping.CancelAsync();
        }
    }
}
