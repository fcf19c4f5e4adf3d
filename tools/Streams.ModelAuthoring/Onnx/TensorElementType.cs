namespace Streams.ModelAuthoring.Onnx;

/// <summary>The element types of <c>onnx.TensorProto.DataType</c> that the models use, with their wire values.</summary>
public enum TensorElementType
{
    /// <summary>32-bit IEEE float.</summary>
    Float = 1,

    /// <summary>Unsigned byte.</summary>
    UInt8 = 2,

    /// <summary>32-bit signed integer.</summary>
    Int32 = 6,

    /// <summary>64-bit signed integer (shapes, axes, indices).</summary>
    Int64 = 7,

    /// <summary>Boolean, one byte per element.</summary>
    Bool = 9,
}
