using System.Security.Cryptography;
using System.Text.Json;
using Streams.ModelAuthoring.Models;
using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Tests;

[Trait("Tier", "Unit")]
public sealed class ModelCatalogTests
{
    private static readonly Lazy<IReadOnlyList<ModelArtifact>> s_artifacts = new(() => ModelCatalog.BuildAll());

    /// <summary>Operators of the default domain at opset 17 that the models may use (all run on ONNX Runtime's CPU provider).</summary>
    private static readonly HashSet<string> s_knownOperators =
    [
        "Abs", "Add", "And", "AveragePool", "Cast", "Concat", "Conv", "CumSum", "Div", "Equal", "Flatten",
        "GatherElements", "Greater", "GreaterOrEqual", "Identity", "LessOrEqual", "Max", "MaxPool", "Min", "Mul",
        "Not", "Or", "Pad", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceSum", "Reshape", "Resize", "Sigmoid",
        "Slice", "Softmax", "Split", "Sub", "Transpose", "Where", "Clip",
    ];

    [Fact]
    public void The_manifest_lists_the_three_models_with_their_contracts()
    {
        using JsonDocument manifest = JsonDocument.Parse(ModelCatalog.ManifestJson(s_artifacts.Value));
        JsonElement[] models = [.. manifest.RootElement.GetProperty("models").EnumerateArray()];

        Assert.Equal(["demo-detector", "demo-classifier", "yolov8n-cost"], models.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(["demo-detector.onnx", "demo-classifier.onnx", "yolov8n-cost.onnx"], models.Select(m => m.GetProperty("file").GetString()));
        foreach (JsonElement m in models)
        {
            JsonElement input = m.GetProperty("input");
            Assert.Equal("images", input.GetProperty("name").GetString());
            Assert.Equal(-1, input.GetProperty("shape")[0].GetInt32());
            Assert.Equal("RGB", input.GetProperty("colorOrder").GetString());
            Assert.Equal("output0", m.GetProperty("output").GetProperty("name").GetString());
            Assert.Equal(64, m.GetProperty("sha256").GetString()!.Length);
        }

        Assert.Equal(["person", "bicycle", "car", "truck"], models[0].GetProperty("classNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([-1, 8, 25600], models[0].GetProperty("output").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("letterbox", models[0].GetProperty("input").GetProperty("resize").GetString());
        Assert.Equal(["unmarked", "marked"], models[1].GetProperty("classNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("stretch", models[1].GetProperty("input").GetProperty("resize").GetString());
        Assert.Equal(80, models[2].GetProperty("classNames").GetArrayLength());
        Assert.Equal([-1, 84, 8400], models[2].GetProperty("output").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Building_every_model_twice_gives_the_same_bytes()
    {
        IReadOnlyList<ModelArtifact> again = ModelCatalog.BuildAll();
        for (int i = 0; i < again.Count; i++)
        {
            Assert.Equal(SHA256.HashData(s_artifacts.Value[i].Bytes), SHA256.HashData(again[i].Bytes));
            Assert.Equal(s_artifacts.Value[i].Entry.Sha256, again[i].Entry.Sha256);
        }
    }

    [Fact]
    public void The_manifest_hash_is_the_hash_of_the_file_bytes()
    {
        foreach (ModelArtifact artifact in s_artifacts.Value)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(artifact.Bytes)), artifact.Entry.Sha256);
        }
    }

    [Fact]
    public void The_yolov8n_cost_model_counts_about_8_7_gflops()
    {
        (_, long flops) = Yolov8nCost.Build();

        Assert.InRange(flops, 8_000_000_000L, 9_500_000_000L);
        Assert.Equal(flops, s_artifacts.Value[2].Entry.Flops);
    }

    [Fact]
    public void Every_node_uses_a_known_operator_and_every_attribute_has_a_type()
    {
        OnnxGraph[] graphs = [DemoDetector.Build().Graph, DemoClassifier.Build().Graph, Yolov8nCost.Build().Model.Graph];
        foreach (OnnxGraph graph in graphs)
        {
            foreach (OnnxNode node in graph.Nodes)
            {
                Assert.Contains(node.OpType, s_knownOperators);
                Assert.All(node.Attributes, a => Assert.True(Enum.IsDefined(a.Kind)));
            }
        }
    }

    [Fact]
    public void Every_node_input_is_produced_before_it_is_used()
    {
        OnnxGraph[] graphs = [DemoDetector.Build().Graph, DemoClassifier.Build().Graph, Yolov8nCost.Build().Model.Graph];
        foreach (OnnxGraph graph in graphs)
        {
            HashSet<string> known = [.. graph.Inputs.Select(i => i.Name), .. graph.Initializers.Select(t => t.Name), ""];
            foreach (OnnxNode node in graph.Nodes)
            {
                Assert.All(node.Inputs, name => Assert.Contains(name, known));
                foreach (string output in node.Outputs)
                {
                    Assert.True(known.Add(output), $"'{output}' is produced twice in {graph.Name}");
                }
            }

            Assert.All(graph.Outputs, o => Assert.Contains(o.Name, known));
        }
    }

    [Fact]
    public void The_debug_outputs_change_only_the_detector()
    {
        IReadOnlyList<ModelArtifact> debug = ModelCatalog.BuildAll(debugOutputs: true);

        Assert.NotEqual(s_artifacts.Value[0].Entry.Sha256, debug[0].Entry.Sha256);
        Assert.Equal(s_artifacts.Value[1].Entry.Sha256, debug[1].Entry.Sha256);
        Assert.Equal(s_artifacts.Value[2].Entry.Sha256, debug[2].Entry.Sha256);
    }

    [Fact]
    public void Writing_puts_the_three_models_and_the_manifest_in_the_folder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "streams-models-" + Guid.NewGuid().ToString("N"));
        try
        {
            ModelCatalog.WriteAll(dir);

            Assert.Equal(
                ["demo-classifier.onnx", "demo-detector.onnx", "models.json", "yolov8n-cost.onnx"],
                Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(s_artifacts.Value[0].Bytes, File.ReadAllBytes(Path.Combine(dir, "demo-detector.onnx")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
