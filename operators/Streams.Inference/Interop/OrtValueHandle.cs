namespace Streams.Inference.Interop;

/// <summary>
/// Owns an <c>OrtValue</c>. A value made over memory of ours holds a reference on that memory's handle, so the
/// memory outlives the value whatever order they are disposed or finalized in.
/// </summary>
internal sealed unsafe class OrtValueHandle : OrtHandle
{
    private readonly NativeBufferHandle? _memory;

    /// <summary>Takes ownership of <paramref name="value"/>; <paramref name="memory"/> must already be add-ref'd.</summary>
    private OrtValueHandle(IntPtr value, NativeBufferHandle? memory)
        : base(value) => _memory = memory;

    /// <summary>Wraps a value ONNX Runtime allocated (an output it made).</summary>
    public static OrtValueHandle FromRuntime(IntPtr value) => new(value, null);

    /// <summary>
    /// Creates a tensor over <paramref name="byteLength"/> bytes of <paramref name="memory"/> from
    /// <paramref name="byteOffset"/>, without copying.
    /// </summary>
    public static OrtValueHandle CreateTensor(OrtMemoryInfoHandle memoryInfo, NativeBufferHandle memory, nuint byteOffset,
        nuint byteLength, ReadOnlySpan<long> shape, int elementType)
    {
        if (byteOffset + byteLength > memory.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(byteLength), "The tensor does not fit its buffer.");
        }

        bool memoryRef = false;
        bool infoRef = false;
        try
        {
            memory.DangerousAddRef(ref memoryRef);
            memoryInfo.DangerousAddRef(ref infoRef);
            IntPtr value;
            fixed (long* dims = shape)
            {
                byte* data = (byte*)memory.Pointer + byteOffset;
                OrtStatus.Check(OrtApi.CreateTensorWithDataAsOrtValue(memoryInfo.DangerousGetHandle(), data, byteLength, dims,
                    (nuint)shape.Length, elementType, &value), "creating a tensor over pinned memory");
            }

            var handle = new OrtValueHandle(value, memory);
            memoryRef = false; // now held by the value handle until it is released
            return handle;
        }
        finally
        {
            if (memoryRef)
            {
                memory.DangerousRelease();
            }

            if (infoRef)
            {
                memoryInfo.DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseValue(handle);
        _memory?.DangerousRelease();
        return true;
    }
}
