using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Streams.Runtime;

/// <summary>
/// An auto-reset wake-up for one waiting loop: any number of producers <see cref="Set"/> it, from any thread, and one
/// consumer waits. Any number of sets between two waits wake it once, and a set with nobody waiting is remembered, so a
/// check-then-wait never misses one. A wait without a timeout allocates nothing.
/// </summary>
/// <remarks>
/// The waiter never runs on the setter's thread: its continuation is queued to the thread pool. <see cref="Set"/> never
/// throws, so it is safe from native callback threads (librdkafka's) and cancellation callbacks. A timed wait that
/// does not end at once allocates its timer, freed when the wait ends.
/// </remarks>
public sealed class AutoResetSignal
{
    private readonly Waiter _waiter = new();

    /// <summary>Wakes the waiter, or lets its next wait return at once.</summary>
    public void Set() => _waiter.Set();

    /// <summary>Waits for a set; returns at once if one came since the last wait. One waiter at a time.</summary>
    public ValueTask WaitAsync() => _waiter.WaitAsync();

    /// <summary>
    /// Waits for a set or until <paramref name="timeout"/> passes (<see cref="Timeout.InfiniteTimeSpan"/>: no limit;
    /// zero: only looks); true if set. Returns at once if a set came since the last wait. One waiter at a time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative other than -1 ms, or over
    /// <see cref="int.MaxValue"/> ms.</exception>
    public ValueTask<bool> WaitAsync(TimeSpan timeout)
    {
        long milliseconds = (long)timeout.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(milliseconds, -1L, nameof(timeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(milliseconds, (long)int.MaxValue, nameof(timeout));
        return _waiter.WaitAsync((int)milliseconds);
    }

    /// <summary>The state machine, kept apart so that its interfaces are no part of the signal's surface.</summary>
#pragma warning disable CA1001 // _timer lives for one wait: GetResult disposes it when that wait ends
    private sealed class Waiter : IValueTaskSource, IValueTaskSource<bool>, IThreadPoolWorkItem
#pragma warning restore CA1001
    {
        // _state holds a phase in its low two bits and counts waits in the rest, so that the timer of an earlier wait
        // can never end a later one.
        private const int PhaseMask = 3;
        private const int Idle = 0;
        private const int Signaled = 1;
        private const int Waiting = 2;
        private const int OneWait = 4;

        private static readonly TimerCallback s_expire = static state => ((TimedWait)state!).Expire();

        // Continuations run inline in Execute, which the setter queues to the pool itself: the setter's thread never runs
        // the waiter, and queuing this object (an IThreadPoolWorkItem) allocates nothing, unlike a queued delegate.
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = false };
        private int _state;

        // Written by whoever ends the wait (a set: true, its timer: false) before it queues Execute.
        private bool _outcome;

        // The current wait's timer; only the waiter touches it (set in WaitAsync, disposed in GetResult).
        private Timer? _timer;

        public void Set()
        {
            while (true)
            {
                int state = Volatile.Read(ref _state);
                switch (state & PhaseMask)
                {
                    case Signaled:
                        return;
                    case Idle:
                        if (Interlocked.CompareExchange(ref _state, state | Signaled, state) == state)
                        {
                            return;
                        }

                        break;
                    default:
                        if (Interlocked.CompareExchange(ref _state, state & ~PhaseMask, state) == state)
                        {
                            End(true);
                            return;
                        }

                        break;
                }
            }
        }

        public ValueTask WaitAsync() =>
            TryBeginWait(out _) ? new ValueTask(this, _core.Version) : default;

        public ValueTask<bool> WaitAsync(int milliseconds)
        {
            if (milliseconds == 0)
            {
                return new ValueTask<bool>(TakeSignal());
            }

            if (!TryBeginWait(out int waiting))
            {
                return new ValueTask<bool>(true);
            }

            short token = _core.Version;
            if (milliseconds != Timeout.Infinite)
            {
                // Started after the wait is published: it may fire at once, and only ends the wait it was made for.
                _timer = new Timer(s_expire, new TimedWait(this, waiting), milliseconds, Timeout.Infinite);
            }

            return new ValueTask<bool>(this, token);
        }

        /// <summary>
        /// Takes a set if one came, else publishes a new wait (<paramref name="waiting"/>, its state) and returns true.
        /// </summary>
        private bool TryBeginWait(out int waiting)
        {
            int state = Volatile.Read(ref _state);
            if ((state & PhaseMask) == Signaled)
            {
                // Only the waiter leaves Signaled; the exchange orders what the setter wrote before its set.
                Interlocked.Exchange(ref _state, state & ~PhaseMask);
                waiting = 0;
                return false;
            }

            Debug.Assert((state & PhaseMask) == Idle, "one waiter at a time");
            _core.Reset();
            waiting = unchecked((state & ~PhaseMask) + OneWait) | Waiting;
            if (Interlocked.CompareExchange(ref _state, waiting, state) == state)
            {
                return true;
            }

            // Set between the read and the exchange: take the set now.
            Interlocked.Exchange(ref _state, state & ~PhaseMask);
            return false;
        }

        private bool TakeSignal()
        {
            int state = Volatile.Read(ref _state);
            return (state & PhaseMask) == Signaled
                && Interlocked.CompareExchange(ref _state, state & ~PhaseMask, state) == state;
        }

        private void Expire(int waiting)
        {
            if (Interlocked.CompareExchange(ref _state, waiting & ~PhaseMask, waiting) == waiting)
            {
                End(false);
            }
        }

        private void End(bool outcome)
        {
            _outcome = outcome;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        void IThreadPoolWorkItem.Execute() => _core.SetResult(_outcome);

        void IValueTaskSource.GetResult(short token) => GetResult(token);

        bool IValueTaskSource<bool>.GetResult(short token) => GetResult(token);

        private bool GetResult(short token)
        {
            bool result = _core.GetResult(token);
            Timer? timer = _timer;
            _timer = null;
            timer?.Dispose();
            return result;
        }

        ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

        ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        private sealed class TimedWait(Waiter waiter, int waiting)
        {
            public void Expire() => waiter.Expire(waiting);
        }
    }
}
