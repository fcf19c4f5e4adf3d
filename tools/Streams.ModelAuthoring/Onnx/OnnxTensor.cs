using System.Buffers.Binary;

namespace Streams.ModelAuthoring.Onnx;

/// <summary>
/// A constant tensor (a graph initializer), stored as little-endian <c>raw_data</c> exactly as ONNX Runtime reads it.
/// </summary>
public sealed class OnnxTensor
{
    private readonly byte[] _raw;

    private OnnxTensor(string name, TensorElementType elementType, long[] dims, byte[] raw)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        ElementType = elementType;
        Dims = dims;
        _raw = raw;
    }

    /// <summary>The initializer's name, which nodes use as an input.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>The shape; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The elements as little-endian bytes.</summary>
    public ReadOnlyMemory<byte> RawData => _raw;

    /// <summary>The number of elements: the product of <see cref="Dims"/>.</summary>
    public long ElementCount => Count(Dims);

    /// <summary>A float tensor; <paramref name="values"/> must hold exactly the product of <paramref name="dims"/> elements.</summary>
    public static OnnxTensor FromFloats(string name, long[] dims, ReadOnlySpan<float> values)
    {
        CheckCount(dims, values.Length);
        byte[] raw = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        return new OnnxTensor(name, TensorElementType.Float, [.. dims], raw);
    }

    /// <summary>An int32 tensor; <paramref name="values"/> must hold exactly the product of <paramref name="dims"/> elements.</summary>
    public static OnnxTensor FromInt32s(string name, long[] dims, ReadOnlySpan<int> values)
    {
        CheckCount(dims, values.Length);
        byte[] raw = new byte[values.Length * sizeof(int)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(i * sizeof(int)), values[i]);
        }

        return new OnnxTensor(name, TensorElementType.Int32, [.. dims], raw);
    }

    /// <summary>An int64 tensor; <paramref name="values"/> must hold exactly the product of <paramref name="dims"/> elements.</summary>
    public static OnnxTensor FromInt64s(string name, long[] dims, ReadOnlySpan<long> values)
    {
        CheckCount(dims, values.Length);
        byte[] raw = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }

        return new OnnxTensor(name, TensorElementType.Int64, [.. dims], raw);
    }

    private static void CheckCount(long[] dims, int count)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (Count(dims) != count)
        {
            throw new ArgumentException($"shape [{string.Join(",", dims)}] needs {Count(dims)} elements; got {count}");
        }
    }

    private static long Count(IReadOnlyList<long> dims)
    {
        long n = 1;
        foreach (long d in dims)
        {
            n *= d;
        }

        return n;
    }
}
