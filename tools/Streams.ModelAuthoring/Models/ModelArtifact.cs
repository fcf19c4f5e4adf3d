namespace Streams.ModelAuthoring.Models;

/// <summary>One authored model: its manifest entry and its serialised ONNX bytes.</summary>
/// <param name="Entry">What models.json says about it.</param>
/// <param name="Bytes">The ONNX file's content.</param>
internal sealed record ModelArtifact(ModelEntry Entry, byte[] Bytes);
