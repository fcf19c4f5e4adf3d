namespace Streams.Configuration.Tests;

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

        Assert.Equal(new CudaOptions
        {
            DeviceId = 1,
            ArenaExtendStrategy = CudaArenaExtendStrategy.SameAsRequested,
            CudnnConvAlgoSearch = CudnnConvAlgoSearch.Heuristic,
            UseTf32 = false,
        }, model.Cuda);
        Assert.Equal(new TensorRtOptions
        {
            DeviceId = 1,
            Fp16 = true,
            Int8 = true,
            Int8CalibrationTable = table,
            EngineCacheDir = Path.Combine(Dir.Path, "cache", "engines"),
            MaxWorkspace = 2147483648,
            TimingCache = Path.Combine(Dir.Path, "cache", "timing"),
        }, model.TensorRT);
    }

    [Fact]
    public void Without_the_sections_a_model_gets_onnx_runtimes_defaults()
    {
        Dir.Touch("m.onnx");

        ModelOptions model = Assert.Single(Load("models:\n  - { id: m, path: m.onnx, provider: [cuda, cpu] }\n").Models);

        Assert.Equal(new CudaOptions(), model.Cuda);
        Assert.Equal((0, CudaArenaExtendStrategy.NextPowerOfTwo, CudnnConvAlgoSearch.Exhaustive, true),
            (model.Cuda.DeviceId, model.Cuda.ArenaExtendStrategy, model.Cuda.CudnnConvAlgoSearch, model.Cuda.UseTf32));
        Assert.Equal(new TensorRtOptions(), model.TensorRT);
        Assert.Null(model.TensorRT.EngineCacheDir);
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
}
