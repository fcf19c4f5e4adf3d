namespace Streams.ModelAuthoring.Onnx;

/// <summary>A graph (<c>GraphProto</c>): nodes in topological order, constant initializers, typed inputs and outputs.</summary>
public sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs)
{
    /// <summary>A free-text description written as the graph's <c>doc_string</c>.</summary>
    public string DocString { get; init; } = "";
}
