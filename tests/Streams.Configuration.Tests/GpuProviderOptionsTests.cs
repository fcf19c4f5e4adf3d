using Streams.Inference;

namespace Streams.Configuration.Tests;

/// <summary>
/// A model's <c>provider</c>, <c>cuda:</c> and <c>tensorrt:</c> bind to the enum and records the inference session
/// takes, with their rules reported at the value's line and column.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class GpuProviderOptionsTests : ConfigTestBase
{
    [Fact]
    public void Cuda_and_tensorrt_sections_bind_with_paths_resolved_against_the_pipeline_file()
    {
        Dir.Touch("m.onnx");
        string table = Dir.Touch("calibration.flatbuffers");

        ModelOptions model = Assert.Single(Load("""
            models:
              - id: m
                path: m.onnx
                provider: [tensorrt, cuda, cpu]
                cuda: { device_id: 1, arena_extend_strategy: same_as_requested, cudnn_conv_algo_search: heuristic, use_tf32: false }
                tensorrt:
                  device_id: 1
                  fp16: true
                  int8: true
                  int8_calibration_table: calibration.flatbuffers
                  engine_cache_dir: cache/engines
                  max_workspace: 2147483648
                  timing_cache: cache/timing
            """).Models);

        Assert.Equal([ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu], model.Provider);
        Assert.Equal(new CudaProviderOptions
        {
            DeviceId = 1,
            ArenaExtendStrategy = CudaArenaExtendStrategy.SameAsRequested,
            CudnnConvAlgoSearch = CudnnConvAlgoSearch.Heuristic,
            UseTf32 = false,
        }, model.Cuda);
        Assert.Equal(new TensorRtProviderOptions
        {
            DeviceId = 1,
            Fp16 = true,
            Int8 = true,
            Int8CalibrationTable = table,
            EngineCacheDir = Path.Combine(Dir.Path, "cache", "engines"),
            MaxWorkspace = 2147483648,
            TimingCacheDir = Path.Combine(Dir.Path, "cache", "timing"),
        }, model.TensorRT);
    }

    [Fact]
    public void The_sections_bind_to_the_records_the_inference_session_takes_and_reach_onnx_runtime_as_written()
    {
        Dir.Touch("m.onnx");

        ModelOptions model = Assert.Single(Load("""
            models:
              - id: m
                path: m.onnx
                provider: [tensorrt, cuda]
                cuda: { device_id: 2, cudnn_conv_algo_search: default }
                tensorrt: { device_id: 2, fp16: true, timing_cache: timing }
            """).Models);

        // What the model's entry holds is what the session options take: no copy, no mapping between them.
        var session = new InferenceSessionOptions { Providers = model.Provider, Cuda = model.Cuda, TensorRt = model.TensorRT };
        Assert.Same(model.Cuda, session.Cuda);
        Assert.Same(model.TensorRT, session.TensorRt);
        Assert.Equal(["tensorrt", "cuda"], session.Providers.Select(InferenceSession.NameOf));
        Assert.Equal(("2", "DEFAULT"), (session.Cuda.ToProviderOptions()["device_id"], session.Cuda.ToProviderOptions()["cudnn_conv_algo_search"]));
        Dictionary<string, string> tensorRt = session.TensorRt.ToProviderOptions();
        Assert.Equal(("2", "1", Path.Combine(Dir.Path, "timing")), (tensorRt["device_id"], tensorRt["trt_fp16_enable"], tensorRt["trt_timing_cache_path"]));
    }

    [Fact]
    public void Without_the_sections_a_model_gets_onnx_runtimes_defaults()
    {
        Dir.Touch("m.onnx");

        ModelOptions model = Assert.Single(Load("models:\n  - { id: m, path: m.onnx, provider: [cuda, cpu] }\n").Models);

        Assert.Equal(CudaProviderOptions.Default, model.Cuda);
        Assert.Equal((0, CudaArenaExtendStrategy.NextPowerOfTwo, CudnnConvAlgoSearch.Exhaustive, true),
            (model.Cuda.DeviceId, model.Cuda.ArenaExtendStrategy, model.Cuda.CudnnConvAlgoSearch, model.Cuda.UseTf32));
        Assert.Equal(TensorRtProviderOptions.Default, model.TensorRT);
        Assert.Null(model.TensorRT.EngineCacheDir);
        Assert.Equal([ExecutionProviderKind.Cpu], Assert.Single(Load("models:\n  - { id: m, path: m.onnx }\n").Models).Provider);
    }

    [Fact]
    public void Bad_gpu_settings_are_reported_each_at_its_line_and_key()
    {
        Dir.Touch("m.onnx");

        IReadOnlyList<ConfigError> errors = Errors("""
            models:
              - id: m
                path: m.onnx
                cuda: { device_id: -1, cudnn_conv_algo_search: fastest }
                tensorrt:
                  max_workspace: 1000
                  int8_calibration_table: missing.table
                  engine_cache: cache
            """);

        Assert.Contains(errors, e => e.KeyPath == "models[0].cuda.device_id" && e.Line == 4 && e.Message == "must be between 0 and 63, got -1");
        Assert.Contains(errors, e => e.KeyPath == "models[0].cuda.cudnn_conv_algo_search" && e.Line == 4
            && e.Message == "invalid value 'fastest'; expected one of: exhaustive, heuristic, default");
        Assert.Contains(errors, e => e.KeyPath == "models[0].tensorrt.max_workspace" && e.Line == 6);
        Assert.Contains(errors, e => e.KeyPath == "models[0].tensorrt.int8_calibration_table" && e.Line == 7
            && e.Message.StartsWith("file not found: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.KeyPath == "models[0].tensorrt.int8_calibration_table"
            && e.Message == "a calibration table is only used with int8: true");
        Assert.Contains(errors, e => e.KeyPath == "models[0].tensorrt.engine_cache" && e.Line == 8
            && e.Message.Contains("did you mean 'engine_cache_dir'?", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("    cuda:\n      device_id: 64", 5, 18, "models[0].cuda.device_id", "must be between 0 and 63, got 64")]
    [InlineData("    tensorrt:\n      device_id: -2", 5, 18, "models[0].tensorrt.device_id", "must be between 0 and 63, got -2")]
    [InlineData("    tensorrt:\n      max_workspace: 4096", 5, 22, "models[0].tensorrt.max_workspace", "must be at least 1048576, got 4096")]
    [InlineData("    provider: [cuda, cuda]", 4, 22, "models[0].provider[1]", "provider 'cuda' is listed twice")]
    [InlineData("    provider: [tensor_rt]", 4, 16, "models[0].provider[0]", "invalid value 'tensor_rt'; expected one of: tensorrt, cuda, cpu (did you mean 'tensorrt'?)")]
    public void A_rule_of_the_inference_records_is_reported_at_its_value(string lines, int line, int column, string keyPath, string message)
    {
        Dir.Touch("m.onnx");

        AssertError(SingleError($"models:\n  - id: m\n    path: m.onnx\n{lines}\n"), line, column, keyPath, message);
    }
}
