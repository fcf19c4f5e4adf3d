using System.Runtime.CompilerServices;
using Streams.Inference.Interop;

namespace Streams.Inference;

/// <summary>
/// A tensor ONNX Runtime reads or writes in place: over 64-byte aligned native memory of ours that never moves
/// (<c>CreateTensorWithDataAsOrtValue</c>, no copy), or an output ONNX Runtime allocated.
/// </summary>
/// <remarks>
/// Spans from <see cref="GetSpan{T}"/> are valid while the tensor (or a view over the same memory) is alive. Views
/// from <see cref="CreateView"/> share the memory; it is freed when the last of them is disposed.
/// </remarks>
public sealed class OrtTensor : IDisposable
{
    private readonly OrtValueHandle _value;
    private readonly NativeBufferHandle? _memory;
    private readonly long[] _shape;
    private readonly IntPtr _data;
    private bool _disposesMemory;

    private OrtTensor(OrtValueHandle value, NativeBufferHandle? memory, TensorElementType type, long[] shape, IntPtr data)
    {
        _value = value;
        _memory = memory;
        ElementType = type;
        _shape = shape;
        _data = data;
        long count = 1;
        foreach (long d in shape)
        {
            count *= d;
        }

        ElementCount = count;
    }

    /// <summary>The element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>The dimensions.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>Elements in all.</summary>
    public long ElementCount { get; }

    /// <summary>True when the memory is ours (not an output ONNX Runtime allocated).</summary>
    public bool OwnsMemory => _memory is not null;

    internal OrtValueHandle Handle => _value;

    /// <summary>Allocates a zeroed tensor.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the element type has no fixed size.</exception>
    public static OrtTensor Allocate(TensorElementType type, ReadOnlySpan<long> shape)
    {
        int size = TensorElementTypes.SizeOf(type);
        if (size == 0)
        {
            throw new ArgumentException($"Tensors of {type} cannot be allocated here.", nameof(type));
        }

        long count = Count(shape);
        NativeBufferHandle memory = NativeBufferHandle.Allocate((nuint)(count * size));
        try
        {
            OrtTensor tensor = Wrap(memory, type, shape, count * size);
            tensor._disposesMemory = true;
            return tensor;
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A tensor of another shape over the start of the same memory (e.g. a smaller batch of a dynamic-batch input).
    /// </summary>
    /// <exception cref="ArgumentException">The shape needs more elements than the memory holds.</exception>
    public OrtTensor CreateView(ReadOnlySpan<long> shape)
    {
        ObjectDisposedException.ThrowIf(_value.IsClosed, this);
        if (_memory is null)
        {
            throw new InvalidOperationException("Views can be made only of tensors over memory of ours.");
        }

        long bytes = Count(shape) * TensorElementTypes.SizeOf(ElementType);
        if (bytes > (long)_memory.Length)
        {
            throw new ArgumentException($"A view of {TensorInfo.FormatShape(shape.ToArray())} does not fit a tensor of {TensorInfo.FormatShape(_shape)}.",
                nameof(shape));
        }

        return Wrap(_memory, ElementType, shape, bytes);
    }

    /// <summary>The elements, as <typeparamref name="T"/> (float for float32, <see cref="Half"/> for float16, ...).</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the size of an element.</exception>
    public Span<T> GetSpan<T>()
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_value.IsClosed, this);
        if (Unsafe.SizeOf<T>() != TensorElementTypes.SizeOf(ElementType))
        {
            throw new InvalidOperationException($"A {ElementType} tensor cannot be read as {typeof(T).Name}.");
        }

        return NativeSpan.Create<T>(_data, checked((int)ElementCount));
    }

    /// <summary>Releases the value (and the memory, once no view uses it).</summary>
    public void Dispose()
    {
        // Each value holds a reference on the memory: it is freed after the last value over it is released.
        _value.Dispose();
        if (_disposesMemory)
        {
            _memory!.Dispose();
        }
    }

    internal static OrtTensor FromRuntime(IntPtr value)
    {
        var handle = OrtValueHandle.FromRuntime(value);
        try
        {
            Span<long> dims = stackalloc long[8];
            int rank = OrtNative.GetTensorShape(handle, dims, out int type);
            return new OrtTensor(handle, null, (TensorElementType)type, dims[..rank].ToArray(), OrtNative.GetTensorData(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static OrtTensor Wrap(NativeBufferHandle memory, TensorElementType type, ReadOnlySpan<long> shape, long bytes)
    {
        OrtValueHandle value = OrtValueHandle.CreateTensor(OnnxRuntime.CpuMemory, memory, 0, (nuint)bytes, shape, (int)type);
        return new OrtTensor(value, memory, type, shape.ToArray(), memory.DangerousGetHandle());
    }

    private static long Count(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException("A tensor's dimensions cannot be negative.", nameof(shape));
            }

            count *= d;
        }

        return count;
    }
}
