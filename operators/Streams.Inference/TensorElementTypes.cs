namespace Streams.Inference;

/// <summary>Sizes and names of <see cref="TensorElementType"/> values.</summary>
public static class TensorElementTypes
{
    /// <summary>Bytes per element; 0 for types without a fixed size (string, undefined).</summary>
    public static int SizeOf(TensorElementType type) => type switch
    {
        TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Bool => 1,
        TensorElementType.UInt16 or TensorElementType.Int16 or TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Float or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.Int64 or TensorElementType.UInt64 or TensorElementType.Double or TensorElementType.Complex64 => 8,
        TensorElementType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>ONNX's lower-case name, e.g. <c>float32</c>, <c>float16</c>.</summary>
    public static string NameOf(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float32",
        TensorElementType.Float16 => "float16",
        TensorElementType.Double => "float64",
        TensorElementType.BFloat16 => "bfloat16",
        _ => type.ToString().ToLowerInvariant(),
    };
}
