using System.Runtime.InteropServices;

namespace Streams.Inference.Internal;

/// <summary>
/// A block of memory on the pinned object heap, 64-byte aligned (an AVX-512 register; ONNX Runtime's own alignment),
/// which never moves: tensors wrap its address without copying. The memory lives as long as this object is reachable,
/// so every tensor over it keeps a reference to it.
/// </summary>
internal sealed class PinnedMemory
{
    /// <summary>The alignment of every block, in bytes.</summary>
    public const int Alignment = 64;

    private readonly byte[] _array;
    private readonly int _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed bytes.</summary>
    public PinnedMemory(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        // Pinned arrays start 8- or 16-byte aligned: room for the step to the next 64-byte boundary.
        _array = GC.AllocateArray<byte>(checked((int)length + Alignment - 1), pinned: true);
        long start = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0).ToInt64();
        _offset = (int)((Alignment - (start % Alignment)) % Alignment);
        Address = new IntPtr(start + _offset);
    }

    /// <summary>Wraps <paramref name="array"/>, which the caller allocated on the pinned object heap, from its first byte.</summary>
    public PinnedMemory(byte[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        _array = array;
        Length = array.Length;
        Address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
    }

    /// <summary>The first byte; stable for the life of the object.</summary>
    public IntPtr Address { get; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; }

    /// <summary>The first <paramref name="bytes"/> bytes as <typeparamref name="T"/>.</summary>
    public Span<T> AsSpan<T>(long bytes)
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(_array.AsSpan(_offset, checked((int)bytes)));
}
