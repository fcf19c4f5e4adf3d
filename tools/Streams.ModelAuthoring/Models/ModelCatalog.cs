using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Models;

/// <summary>Builds the three models with their manifest entries, and writes them with models.json.</summary>
internal static class ModelCatalog
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "models.json";

    /// <summary>The manifest format version.</summary>
    public const int ManifestVersion = 1;

    /// <summary>How the demo models expect pixels: RGB, 0..1.</summary>
    private const string Normalisation = "RGB, float32, pixel / 255 (0..1), no mean or std";

    /// <summary>Builds every model. <paramref name="debugOutputs"/> adds the detector's internal planes as outputs.</summary>
    public static IReadOnlyList<ModelArtifact> BuildAll(bool debugOutputs = false)
    {
        (OnnxModel yolo, long flops) = Yolov8nCost.Build();
        return
        [
            Artifact(DemoDetector.Build(debugOutputs), new ModelEntry
            {
                Name = DemoDetector.Name,
                File = DemoDetector.Name + ".onnx",
                Task = "detect",
                Version = 1,
                Description = "Detector for the synthetic world (shared/synthetic-world.md): persons, bicycles, cars, trucks; fixed graph, no learned weights.",
                InputName = "images",
                InputShape = [-1, 3, DemoDetector.InputSize, DemoDetector.InputSize],
                Resize = "letterbox",
                OutputName = "output0",
                OutputShape = [-1, 4 + DemoDetector.ClassNames.Length, DemoDetector.Anchors],
                OutputLayout = "yolov8: [N, 4 + C, A]; rows cx, cy, w, h in input pixels, then one score 0..1 per class; no objectness; anchors on a stride-4 grid",
                ClassNames = DemoDetector.ClassNames,
                ConfidenceThreshold = 0.25f,
                NmsIou = 0.45f,
            }),
            Artifact(DemoClassifier.Build(), new ModelEntry
            {
                Name = DemoClassifier.Name,
                File = DemoClassifier.Name + ".onnx",
                Task = "classify",
                Version = 1,
                Description = "Marked/unmarked classifier for car and truck crops of the synthetic world; fixed graph, no learned weights.",
                InputName = "images",
                InputShape = [-1, 3, DemoClassifier.InputSize, DemoClassifier.InputSize],
                Resize = "stretch",
                OutputName = "output0",
                OutputShape = [-1, DemoClassifier.ClassNames.Length],
                OutputLayout = "probabilities: [N, C] softmax over the class names",
                ClassNames = DemoClassifier.ClassNames,
            }),
            Artifact(yolo, new ModelEntry
            {
                Name = Yolov8nCost.Name,
                File = Yolov8nCost.Name + ".onnx",
                Task = "detect",
                Version = 1,
                Description = "YOLOv8n architecture and cost with deterministic random weights, for throughput benchmarks; detects nothing.",
                InputName = "images",
                InputShape = [-1, 3, Yolov8nCost.InputSize, Yolov8nCost.InputSize],
                Resize = "letterbox",
                OutputName = "output0",
                OutputShape = [-1, 4 + Yolov8nCost.ClassCount, Yolov8nCost.Anchors],
                OutputLayout = "yolov8: [N, 4 + C, A]; rows cx, cy, w, h in input pixels, then one score 0..1 per class; no objectness",
                ClassNames = CocoNames,
                ConfidenceThreshold = 0.25f,
                NmsIou = 0.45f,
                Flops = flops,
            }),
        ];
    }

    /// <summary>Writes every model and models.json into <paramref name="directory"/> (created if missing).</summary>
    public static IReadOnlyList<ModelArtifact> WriteAll(string directory, bool debugOutputs = false)
    {
        Directory.CreateDirectory(directory);
        IReadOnlyList<ModelArtifact> artifacts = BuildAll(debugOutputs);
        foreach (ModelArtifact artifact in artifacts)
        {
            File.WriteAllBytes(Path.Combine(directory, artifact.Entry.File), artifact.Bytes);
        }

        File.WriteAllBytes(Path.Combine(directory, ManifestFile), ManifestJson(artifacts));
        return artifacts;
    }

    /// <summary>models.json for <paramref name="artifacts"/>: UTF-8, indented, in a fixed order.</summary>
    public static byte[] ManifestJson(IReadOnlyList<ModelArtifact> artifacts)
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter json = new(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", ManifestVersion);
            json.WriteString("generator", "dotnet run --project tools/Streams.ModelAuthoring -- --out-dir models");
            json.WriteString("normalisation", Normalisation);
            json.WriteStartArray("models");
            foreach (ModelArtifact artifact in artifacts)
            {
                ModelEntry e = artifact.Entry;
                json.WriteStartObject();
                json.WriteString("name", e.Name);
                json.WriteString("file", e.File);
                json.WriteString("task", e.Task);
                json.WriteNumber("version", e.Version);
                json.WriteString("description", e.Description);
                json.WriteStartObject("input");
                json.WriteString("name", e.InputName);
                WriteInts(json, "shape", e.InputShape);
                json.WriteString("layout", "NCHW");
                json.WriteString("colorOrder", "RGB");
                json.WriteString("normalisation", Normalisation);
                json.WriteString("resize", e.Resize);
                if (e.Resize == "letterbox")
                {
                    json.WriteNumber("padValue", 114);
                }

                json.WriteEndObject();
                json.WriteStartObject("output");
                json.WriteString("name", e.OutputName);
                WriteInts(json, "shape", e.OutputShape);
                json.WriteString("layout", e.OutputLayout);
                json.WriteEndObject();
                json.WriteStartArray("classNames");
                foreach (string name in e.ClassNames)
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
                if (e.ConfidenceThreshold > 0)
                {
                    json.WriteNumber("confidenceThreshold", e.ConfidenceThreshold);
                    json.WriteNumber("nmsIou", e.NmsIou);
                }

                if (e.Flops > 0)
                {
                    json.WriteNumber("flops", e.Flops);
                }

                json.WriteString("sha256", e.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static ModelArtifact Artifact(OnnxModel model, ModelEntry entry)
    {
        byte[] bytes = OnnxWriter.Write(model);
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new ModelArtifact(entry with { Sha256 = hash }, bytes);
    }

    private static void WriteInts(Utf8JsonWriter json, string name, int[] values)
    {
        json.WriteStartArray(name);
        foreach (int v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }

    /// <summary>The 80 COCO class names of the YOLOv8 head (placeholders here: the cost model detects nothing).</summary>
    private static readonly string[] CocoNames =
    [
        "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
        "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
        "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
        "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
        "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
        "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
        "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
        "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear",
        "hair drier", "toothbrush",
    ];
}
