using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Streams.Inference.Internal;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Streams.Inference;

/// <summary>
/// A tensor ONNX Runtime reads or writes in place: over 64-byte aligned pinned memory of ours that never moves
/// (<c>OrtValue.CreateTensorValueWithData</c>, no copy), or an output ONNX Runtime allocated.
/// </summary>
/// <remarks>
/// Spans from <see cref="GetSpan{T}"/> are valid while the tensor (or a view over the same memory) is alive. Views
/// from <see cref="CreateView"/> share the memory, which lives as long as any of them.
/// </remarks>
public sealed class OrtTensor : IDisposable
{
    private readonly Ort.OrtValue _value;
    private readonly PinnedMemory? _memory;
    private readonly long[] _shape;
    private readonly long _bytes;
    private bool _disposed;

    private OrtTensor(Ort.OrtValue value, PinnedMemory? memory, TensorElementType type, long[] shape)
    {
        _value = value;
        _memory = memory;
        ElementType = type;
        _shape = shape;
        ElementCount = Count(shape);
        _bytes = ElementCount * TensorElementTypes.SizeOf(type);
    }

    /// <summary>The element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>The dimensions.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>Elements in all.</summary>
    public long ElementCount { get; }

    /// <summary>True when the memory is ours (not an output ONNX Runtime allocated).</summary>
    public bool OwnsMemory => _memory is not null;

    /// <summary>ONNX Runtime's value; valid while this tensor is.</summary>
    internal Ort.OrtValue Value => _value;

    /// <summary>Allocates a zeroed tensor.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the element type has no fixed size.</exception>
    public static OrtTensor Allocate(TensorElementType type, ReadOnlySpan<long> shape)
    {
        int size = TensorElementTypes.SizeOf(type);
        if (size == 0)
        {
            throw new ArgumentException($"Tensors of {type} cannot be allocated here.", nameof(type));
        }

        var memory = new PinnedMemory(Count(shape) * size);
        return Wrap(memory, type, shape);
    }

    /// <summary>
    /// A tensor over <paramref name="pinnedArray"/> in place, which must live on the pinned object heap (it is read by
    /// address) and hold the shape's elements; the tensor keeps it alive.
    /// </summary>
    internal static OrtTensor WrapPinned(byte[] pinnedArray, TensorElementType type, ReadOnlySpan<long> shape)
    {
        if (Count(shape) * TensorElementTypes.SizeOf(type) > pinnedArray.Length)
        {
            throw new ArgumentException($"A tensor of {TensorInfo.FormatShape(shape.ToArray())} does not fit {pinnedArray.Length} bytes.", nameof(shape));
        }

        return Wrap(new PinnedMemory(pinnedArray), type, shape);
    }

    /// <summary>
    /// A tensor of another shape over the start of the same memory (e.g. a smaller batch of a dynamic-batch input).
    /// </summary>
    /// <exception cref="ArgumentException">The shape needs more elements than the memory holds.</exception>
    public OrtTensor CreateView(ReadOnlySpan<long> shape)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_memory is null)
        {
            throw new InvalidOperationException("Views can be made only of tensors over memory of ours.");
        }

        long bytes = Count(shape) * TensorElementTypes.SizeOf(ElementType);
        if (bytes > _memory.Length)
        {
            throw new ArgumentException($"A view of {TensorInfo.FormatShape(shape.ToArray())} does not fit a tensor of {TensorInfo.FormatShape(_shape)}.",
                nameof(shape));
        }

        return Wrap(_memory, ElementType, shape);
    }

    /// <summary>The elements, as <typeparamref name="T"/> (float for float32, <see cref="Half"/> for float16, ...).</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the size of an element.</exception>
    public Span<T> GetSpan<T>()
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Unsafe.SizeOf<T>() != TensorElementTypes.SizeOf(ElementType))
        {
            throw new InvalidOperationException($"A {ElementType} tensor cannot be read as {typeof(T).Name}.");
        }

        return _memory is not null ? _memory.AsSpan<T>(_bytes) : MemoryMarshal.Cast<byte, T>(_value.GetTensorMutableRawData());
    }

    /// <summary>Releases the value (the memory goes with the last tensor over it).</summary>
    public void Dispose()
    {
        _disposed = true;
        _value.Dispose();
    }

    /// <summary>Takes ownership of a tensor value ONNX Runtime allocated.</summary>
    internal static OrtTensor FromRuntime(Ort.OrtValue value)
    {
        try
        {
            Ort.OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();
            return new OrtTensor(value, null, (TensorElementType)info.ElementDataType, info.Shape);
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    private static OrtTensor Wrap(PinnedMemory memory, TensorElementType type, ReadOnlySpan<long> shape)
    {
        long[] dims = shape.ToArray();
        long bytes = Count(shape) * TensorElementTypes.SizeOf(type);
        Ort.OrtValue value = OnnxRuntime.Call(
            () => Ort.OrtValue.CreateTensorValueWithData(Ort.OrtMemoryInfo.DefaultInstance, (Ort.Tensors.TensorElementType)type, dims, memory.Address, bytes),
            "creating a tensor");
        return new OrtTensor(value, memory, type, dims);
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
