using System.Threading.Tasks.Sources;

namespace Streams.Runtime;

/// <summary>
/// An auto-reset signal for one waiter that allocates nothing: any number of producers ring, one consumer waits.
/// A ring with nobody waiting is remembered, so a check-then-wait never misses one.
/// </summary>
internal sealed class Doorbell : IValueTaskSource, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Rung = 1;
    private const int Waiting = 2;

    // Continuations run inline in Execute, which the ringer queues to the pool itself: the ringer's thread never runs
    // the waiter, and queuing this object (an IThreadPoolWorkItem) allocates nothing, unlike a queued delegate.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = false };
    private int _state;

    /// <summary>Wakes the waiter, or lets its next wait return at once.</summary>
    public void Ring()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == Rung)
            {
                return;
            }

            if (state == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Rung, Idle) == Idle)
                {
                    return;
                }
            }
            else if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }
        }
    }

    /// <summary>Waits for a ring; returns at once if one came since the last wait. One waiter at a time.</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Rung) == Rung)
        {
            return default;
        }

        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Idle)
        {
            return new ValueTask(this, _core.Version);
        }

        // Rung between the two exchanges: take the ring now.
        Volatile.Write(ref _state, Idle);
        return default;
    }

    void IThreadPoolWorkItem.Execute() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
