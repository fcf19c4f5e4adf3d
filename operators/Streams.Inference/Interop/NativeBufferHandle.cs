using System.Runtime.InteropServices;

namespace Streams.Inference.Interop;

/// <summary>
/// Owns a block of native memory, 64-byte aligned (an AVX-512 register; ONNX Runtime's own alignment), which never
/// moves: tensors wrap it without copying. Freed when the last holder (this handle and every
/// <see cref="OrtValueHandle"/> over it) lets go.
/// </summary>
internal sealed unsafe class NativeBufferHandle : SafeHandle
{
    /// <summary>The alignment of every buffer, in bytes.</summary>
    public const int Alignment = 64;

    private NativeBufferHandle(IntPtr memory, nuint length)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(memory);
        Length = length;
    }

    /// <summary>Size in bytes.</summary>
    public nuint Length { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The start of the block; valid while the handle is alive.</summary>
    public void* Pointer => (void*)handle;

    /// <summary>Allocates <paramref name="length"/> zeroed bytes (at least one).</summary>
    public static NativeBufferHandle Allocate(nuint length)
    {
        nuint size = length == 0 ? 1 : length;
        void* memory = NativeMemory.AlignedAlloc(size, Alignment);
        NativeMemory.Clear(memory, size);
        return new NativeBufferHandle((IntPtr)memory, length);
    }

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
