namespace Streams.Runtime;

/// <summary>
/// Moves frames from every stream's own edge into the shared ingress, one frame per stream in turn, and follows each
/// finished stream with its end-of-stream marker.
/// </summary>
/// <remarks>
/// One task does this for all streams, so the ingress has a single writer: many tasks blocked writing into one
/// bounded channel would each allocate a waiter per frame. Sources set <see cref="Wake"/> after each write;
/// the merger sleeps on it only when every stream's edge is empty.
/// </remarks>
internal sealed class IngressMerger
{
    private readonly Edge<Frame> _ingress;
    private readonly FramePool _pool;
    private readonly Lock _lock = new();
    private StreamLane[] _lanes = [];
    private bool _closing;
    private int _next;

    public IngressMerger(Edge<Frame> ingress, FramePool pool)
    {
        _ingress = ingress;
        _pool = pool;
    }

    /// <summary>Set by the sources after each write and when they end, and by <see cref="Add"/> and <see cref="Close"/>.</summary>
    public AutoResetSignal Wake { get; } = new();

    public void Add(StreamLane lane)
    {
        lock (_lock)
        {
            _lanes = [.. _lanes, lane];
        }

        Wake.Set();
    }

    /// <summary>No more streams will be added: once the current ones are done, the ingress completes.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closing = true;
        }

        Wake.Set();
    }

    public async Task RunAsync()
    {
        await Task.Yield();
        bool ingressOpen = true;
        try
        {
            while (ingressOpen)
            {
                StreamLane[] lanes = Volatile.Read(ref _lanes);
                bool progressed = false;
                for (int k = 0; k < lanes.Length && ingressOpen; k++)
                {
                    StreamLane lane = lanes[(_next + k) % lanes.Length];
                    if (lane.Edge.TryRead(out Frame frame))
                    {
                        progressed = true;
                        ingressOpen = await _ingress.WriteAsync(frame).ConfigureAwait(false);
                    }
                    else if (lane.Edge.Completion.IsCompleted)
                    {
                        // The source has finished and its edge is empty: the marker follows its last frame.
                        progressed = true;
                        Remove(lane);
                        ingressOpen = await _ingress.WriteAsync(_pool.RentEndOfStream(lane.Context)).ConfigureAwait(false);
                        lane.MarkDrained();
                    }
                }

                _next++;
                if (!progressed)
                {
                    lock (_lock)
                    {
                        if (_closing && _lanes.Length == 0)
                        {
                            break;
                        }
                    }

                    await Wake.WaitAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (ingressOpen)
            {
                _ingress.TryComplete();
            }
            else
            {
                // The stages are gone (hard stop or failure): nothing more can flow, release what waits.
                ReleaseAll();
            }
        }
    }

    /// <summary>Releases every stream's queued frames: used when the ingress is closed for good.</summary>
    private void ReleaseAll()
    {
        StreamLane[] lanes;
        lock (_lock)
        {
            lanes = _lanes;
            _lanes = [];
            _closing = true;
        }

        foreach (StreamLane lane in lanes)
        {
            lane.Edge.TryComplete();
            lane.Edge.DrainAndRelease(DropReason.EdgeClosed);
            lane.MarkDrained();
        }
    }

    private void Remove(StreamLane lane)
    {
        lock (_lock)
        {
            _lanes = Array.FindAll(_lanes, l => !ReferenceEquals(l, lane));
        }
    }
}
