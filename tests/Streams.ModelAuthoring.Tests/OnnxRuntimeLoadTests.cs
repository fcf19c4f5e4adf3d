using Streams.Inference;
using Streams.ModelAuthoring.Models;

namespace Streams.ModelAuthoring.Tests;

[Trait("Tier", "Integration")]
public sealed class OnnxRuntimeLoadTests
{
    public static TheoryData<string> ModelNames => ["demo-detector", "demo-classifier", "yolov8n-cost"];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Each_model_loads_in_onnx_runtime_with_the_shapes_its_manifest_promises(string name)
    {
        ModelArtifact artifact = ModelCatalog.BuildAll().Single(a => a.Entry.Name == name);

        using InferenceSession session = InferenceSession.Open(artifact.Bytes, name);

        TensorInfo input = Assert.Single(session.Inputs);
        TensorInfo output = Assert.Single(session.Outputs);
        Assert.Equal("images", input.Name);
        Assert.Equal("output0", output.Name);
        Assert.Equal(artifact.Entry.InputShape.Select(d => (long)d), input.Shape);
        Assert.Equal(artifact.Entry.OutputShape.Select(d => (long)d), output.Shape);
    }
}
