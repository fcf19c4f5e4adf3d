namespace Streams.ModelAuthoring.Onnx;

/// <summary>One operator in the graph (<c>NodeProto</c>), in the default <c>ai.onnx</c> domain. An empty input name is an omitted optional input.</summary>
public sealed record OnnxNode(
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    string Name,
    IReadOnlyList<OnnxAttribute> Attributes);
