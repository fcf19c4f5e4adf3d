namespace Streams.Inference.Interop;

/// <summary>What ONNX Runtime reports about one input or output.</summary>
/// <param name="OnnxType">The <c>ONNXType</c>: 1 for a tensor.</param>
/// <param name="ElementType">The <c>ONNXTensorElementDataType</c>; 0 for a non-tensor.</param>
/// <param name="Dimensions">Dimensions, -1 where dynamic.</param>
/// <param name="SymbolicDimensions">Names of the dimensions (empty where none).</param>
internal readonly record struct NativeTensorInfo(int OnnxType, int ElementType, long[] Dimensions, string[] SymbolicDimensions);
