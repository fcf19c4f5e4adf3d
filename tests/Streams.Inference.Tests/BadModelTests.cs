using Streams.Inference.Tests.Support;

namespace Streams.Inference.Tests;

[Trait("Tier", "Integration")]
public sealed class BadModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string StartError(DetectorOptions options) => Assert.Throws<ModelLoadException>(() => new InferenceStage(options)).Message;

    private string Save(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_missing_model_file_is_named_at_start()
    {
        string path = _dir.File("nowhere.onnx");
        Assert.Equal($"Model '{path}': file not found", StartError(new DetectorOptions { ModelPath = path }));
        Assert.Equal($"Model '{_dir.Path}': the path is a folder, not an .onnx file", StartError(new DetectorOptions { ModelPath = _dir.Path }));
    }

    [Fact]
    public void An_empty_model_file_is_named_at_start()
    {
        string path = Save("empty.onnx", []);
        Assert.Equal($"Model '{path}': the file is empty", StartError(new DetectorOptions { ModelPath = path }));
    }

    [Fact]
    public void A_truncated_model_file_fails_at_start_with_the_runtime_reason()
    {
        byte[] model = TestModels.MeanDetector("batch");
        string path = Save("truncated.onnx", model[..(model.Length / 2)]);

        string message = StartError(new DetectorOptions { ModelPath = path });

        Assert.StartsWith($"Model '{path}': ONNX Runtime cannot load it: ", message, StringComparison.Ordinal);
        Assert.Contains("Protobuf parsing failed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_onnx_fails_at_start_with_the_runtime_reason()
    {
        string path = Save("notes.onnx", "this is a text file, not a model\n"u8.ToArray());

        string message = StartError(new DetectorOptions { ModelPath = path });

        Assert.StartsWith($"Model '{path}': ONNX Runtime cannot load it: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_detector_whose_output_fits_no_decoder_fails_at_start_naming_the_shape()
    {
        string path = Save("classifier.onnx", TestModels.MeanClassifier("batch"));

        string message = StartError(new DetectorOptions { ModelPath = path });

        Assert.Equal($"Model '{path}': its output has shape [-1,3], which fits no detection decoder " +
            "(YOLOv8 [N,4+C,A], YOLOv5 [N,A,5+C] or end-to-end [N,K,6])", message);
    }

    [Fact]
    public void An_input_size_the_model_contradicts_fails_at_start()
    {
        string path = Save("det64.onnx", TestModels.MeanDetector("batch"));

        string message = StartError(new DetectorOptions { ModelPath = path, InputWidth = 640, InputHeight = 640 });

        Assert.Equal($"Model '{path}': input width mismatch: the model's input images [batch,3,64,64] has width 64, the options ask for 640", message);
    }

    [Fact]
    public void A_dynamic_input_size_needs_the_size_in_the_options()
    {
        string path = Save("dynamic.onnx", TestModels.MeanDetector("batch", "size"));

        Assert.Contains("has a dynamic width: set input_width in the options", StartError(new DetectorOptions { ModelPath = path }),
            StringComparison.Ordinal);
        using var stage = new InferenceStage(new DetectorOptions { ModelPath = path, InputWidth = 96, InputHeight = 64 });
        Assert.Equal((96, 64), (stage.InputWidth, stage.InputHeight));
    }

    [Fact]
    public void A_model_without_an_image_input_fails_at_start()
    {
        string path = Save("identity.onnx", TestModels.Identity());

        Assert.Equal($"Model '{path}': its input x: float32 [batch,3] is not an image tensor: float32 or float16 [N,3,H,W] is needed",
            StartError(new DetectorOptions { ModelPath = path }));
    }

    [Fact]
    public void Options_naming_classes_the_model_lacks_fail_at_start()
    {
        string path = Save("det.onnx", TestModels.MeanDetector("batch"));

        Assert.Equal($"Model '{path}': class_confidence names class 'dog', which is not one of the model's 2 classes",
            StartError(new DetectorOptions { ModelPath = path, ClassConfidence = new Dictionary<string, float> { ["dog"] = 0.5f } }));
        Assert.Equal($"Model '{path}': classes allow-list names class '7', which is not one of the model's 2 classes",
            StartError(new DetectorOptions { ModelPath = path, AllowedClasses = ["7"] }));
        Assert.Equal($"Model '{path}': its output [-1,6,8] read as yolov8 has 2 classes, but 3 class names are given",
            StartError(new DetectorOptions { ModelPath = path, Classes = ["a", "b", "c"] }));
    }

    [WithoutGpuProvidersFact]
    public void A_provider_that_cannot_load_fails_the_stage_at_start()
    {
        string path = Save("det.onnx", TestModels.MeanDetector("batch"));

        string message = StartError(new DetectorOptions { ModelPath = path, Session = new InferenceSessionOptions { Providers = [ExecutionProviderKind.TensorRt] } });

        Assert.StartsWith($"Model '{path}': no execution provider of [tensorrt] could run it: tensorrt: missing ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_classifier_whose_output_is_not_scores_or_that_names_unknown_classes_fails_at_start()
    {
        string detector = Save("det.onnx", TestModels.MeanDetector("batch"));
        string classifier = Save("cls.onnx", TestModels.MeanClassifier("batch"));

        Assert.Equal($"Model '{detector}': its output output0: float32 [batch,6,8] does not fit a classifier: [N,C] scores with C fixed are needed",
            Assert.Throws<ModelLoadException>(() => new SecondaryClassifierStage(new ClassifierOptions { ModelPath = detector })).Message);
        Assert.Equal($"Model '{classifier}': apply_to names class 'truck', which is not one of the detector's classes",
            Assert.Throws<ModelLoadException>(() => new SecondaryClassifierStage(new ClassifierOptions { ModelPath = classifier, ApplyTo = ["truck"] },
                ["person", "car"])).Message);
    }
}
