namespace Streams.ModelAuthoring.Onnx;

/// <summary>
/// A model (<c>ModelProto</c>): one graph against one version of the default operator set. The defaults, IR version 8
/// and opset 17, are what ONNX Runtime 1.30 (the project's validator) loads without conversion.
/// </summary>
public sealed record OnnxModel(OnnxGraph Graph)
{
    /// <summary>The IR version (<c>ir_version</c>). Default 8.</summary>
    public long IrVersion { get; init; } = 8;

    /// <summary>The <c>ai.onnx</c> operator set version. Default 17.</summary>
    public long OpsetVersion { get; init; } = 17;

    /// <summary>Written as <c>producer_name</c>.</summary>
    public string ProducerName { get; init; } = "Streams.ModelAuthoring";

    /// <summary>Written as <c>producer_version</c>.</summary>
    public string ProducerVersion { get; init; } = "1";

    /// <summary>Written as <c>model_version</c>.</summary>
    public long ModelVersion { get; init; } = 1;

    /// <summary>Written as the model's <c>doc_string</c>.</summary>
    public string DocString { get; init; } = "";

    /// <summary>Key/value pairs written as <c>metadata_props</c> in the given order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];
}
