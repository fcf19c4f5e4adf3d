using System.Diagnostics;

namespace Streams.Runtime;

/// <summary>
/// A pool of byte arrays of exact sizes. <see cref="System.Buffers.ArrayPool{T}"/> rounds multi-megabyte requests up
/// to the next power of two (a 1080p yuv420p frame of 3.1 MB would take a 4 MB array); frames come in a handful of
/// sizes, so one bucket per size wastes nothing.
/// </summary>
/// <remarks>
/// Ownership: <see cref="Rent"/> hands the array to the caller, who gives it back exactly once with
/// <see cref="Return"/>. Arrays beyond <see cref="MaxRetainedPerSize"/> idle ones per size are left to the GC, which
/// bounds what an idle pool holds after a burst.
/// </remarks>
public sealed class BufferPool
{
    private readonly Dictionary<int, Stack<byte[]>> _buckets = [];
    private readonly Lock _lock = new();
    private long _rented;
    private long _returned;
    private long _allocated;
    private long _discarded;

    /// <summary>Creates a pool that keeps at most <paramref name="maxRetainedPerSize"/> idle arrays of each size.</summary>
    public BufferPool(int maxRetainedPerSize = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetainedPerSize);
        MaxRetainedPerSize = maxRetainedPerSize;
    }

    /// <summary>How many idle arrays of one size the pool keeps; returns beyond it are left to the GC.</summary>
    public int MaxRetainedPerSize { get; }

    /// <summary>Takes an array of exactly <paramref name="length"/> bytes. Its contents are unspecified.</summary>
    public byte[] Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        byte[]? buffer = null;
        lock (_lock)
        {
            if (_buckets.TryGetValue(length, out Stack<byte[]>? bucket) && bucket.Count > 0)
            {
                buffer = bucket.Pop();
            }

            _rented++;
            if (buffer is null)
            {
                _allocated++;
            }
        }

        // Outside the lock: allocating megabytes must not stall other renters. On the pinned object heap, an array
        // never moves: native code (ONNX Runtime) may read it in place by address while its holder keeps it.
        return buffer ?? GC.AllocateUninitializedArray<byte>(length, pinned: true);
    }

    /// <summary>Gives back an array taken with <see cref="Rent"/>. The caller must not touch it afterwards.</summary>
    public void Return(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_lock)
        {
            _returned++;
            Debug.Assert(_returned <= _rented, "More arrays returned than rented.");
            if (!_buckets.TryGetValue(buffer.Length, out Stack<byte[]>? bucket))
            {
                bucket = new Stack<byte[]>(MaxRetainedPerSize);
                _buckets.Add(buffer.Length, bucket);
            }

            if (bucket.Count < MaxRetainedPerSize)
            {
                bucket.Push(buffer);
            }
            else
            {
                _discarded++;
            }
        }
    }

    /// <summary>A consistent snapshot of the pool's accounting.</summary>
    public BufferPoolStatistics GetStatistics()
    {
        lock (_lock)
        {
            int retained = 0;
            long retainedBytes = 0;
            foreach (KeyValuePair<int, Stack<byte[]>> bucket in _buckets)
            {
                retained += bucket.Value.Count;
                retainedBytes += (long)bucket.Key * bucket.Value.Count;
            }

            return new BufferPoolStatistics(_rented, _returned, _allocated, _discarded, retained, retainedBytes);
        }
    }
}
