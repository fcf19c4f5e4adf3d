namespace Streams.Sources.Internal;

/// <summary>
/// Hands showinfo's frame records from the stderr reader to the frame reader thread, which blocks until the next
/// record or the end. No allocation once its small buffer has grown to the (short) depth it needs.
/// </summary>
internal sealed class FrameInfoQueue
{
    private readonly Queue<FrameInfo> _items = new(16);
    private readonly object _gate = new();
    private bool _completed;

    /// <summary>Adds the record of the next frame.</summary>
    public void Add(FrameInfo info)
    {
        lock (_gate)
        {
            _items.Enqueue(info);
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>No more records will come (ffmpeg's stderr ended).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Takes the next record, waiting for it; false once the queue is complete and empty.</summary>
    public bool TryTake(out FrameInfo info)
    {
        lock (_gate)
        {
            while (_items.Count == 0)
            {
                if (_completed)
                {
                    info = default;
                    return false;
                }

                Monitor.Wait(_gate);
            }

            info = _items.Dequeue();
            return true;
        }
    }
}
