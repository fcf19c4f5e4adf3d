namespace Streams.ModelAuthoring.Onnx;

/// <summary>The <c>onnx.AttributeProto.AttributeType</c> values the writer emits; ONNX Runtime rejects an attribute whose type is unset.</summary>
public enum AttributeKind
{
    /// <summary>One float (field <c>f</c>).</summary>
    Float = 1,

    /// <summary>One 64-bit integer (field <c>i</c>).</summary>
    Int = 2,

    /// <summary>One UTF-8 string (field <c>s</c>).</summary>
    String = 3,

    /// <summary>A list of floats (field <c>floats</c>).</summary>
    Floats = 6,

    /// <summary>A list of 64-bit integers (field <c>ints</c>).</summary>
    Ints = 7,
}
