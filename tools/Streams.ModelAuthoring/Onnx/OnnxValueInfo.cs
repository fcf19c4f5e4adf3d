namespace Streams.ModelAuthoring.Onnx;

/// <summary>A typed graph input or output (<c>ValueInfoProto</c> with a tensor <c>TypeProto</c> and its shape).</summary>
public sealed record OnnxValueInfo(string Name, TensorElementType ElementType, IReadOnlyList<TensorDim> Shape);
