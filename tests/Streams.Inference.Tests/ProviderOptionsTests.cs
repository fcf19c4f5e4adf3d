using Streams.Options;

namespace Streams.Inference.Tests;

/// <summary>
/// The session's settings and those of the CUDA and TensorRT providers (the records a model's <c>cuda:</c> and
/// <c>tensorrt:</c> sections bind to): what ONNX Runtime is given, and the rules a session checks before it opens.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class ProviderOptionsTests
{
    [Fact]
    public void Cuda_settings_become_the_provider_options_onnx_runtime_reads()
    {
        var cuda = new CudaProviderOptions
        {
            DeviceId = 1,
            ArenaExtendStrategy = CudaArenaExtendStrategy.SameAsRequested,
            CudnnConvAlgoSearch = CudnnConvAlgoSearch.Heuristic,
            UseTf32 = false,
        };

        Assert.Equal(new Dictionary<string, string>
        {
            ["device_id"] = "1",
            ["arena_extend_strategy"] = "kSameAsRequested",
            ["cudnn_conv_algo_search"] = "HEURISTIC",
            ["use_tf32"] = "0",
        }, cuda.ToProviderOptions());
        Assert.Equal("kNextPowerOfTwo", CudaProviderOptions.Default.ToProviderOptions()["arena_extend_strategy"]);
        Assert.Equal("EXHAUSTIVE", CudaProviderOptions.Default.ToProviderOptions()["cudnn_conv_algo_search"]);
        Assert.Equal("1", CudaProviderOptions.Default.ToProviderOptions()["use_tf32"]);
    }

    [Fact]
    public void TensorRt_settings_become_the_provider_options_onnx_runtime_reads_and_unset_ones_keep_its_defaults()
    {
        var tensorRt = new TensorRtProviderOptions
        {
            DeviceId = 2,
            Fp16 = true,
            Int8 = true,
            Int8CalibrationTable = "/models/calibration.flatbuffers",
            EngineCacheDir = "/var/cache/engines",
            MaxWorkspace = 2L << 30,
            TimingCacheDir = "/var/cache/timing",
        };

        Assert.Equal(new Dictionary<string, string>
        {
            ["device_id"] = "2",
            ["trt_fp16_enable"] = "1",
            ["trt_int8_enable"] = "1",
            ["trt_int8_calibration_table_name"] = "/models/calibration.flatbuffers",
            ["trt_engine_cache_enable"] = "1",
            ["trt_engine_cache_path"] = "/var/cache/engines",
            ["trt_max_workspace_size"] = "2147483648",
            ["trt_timing_cache_enable"] = "1",
            ["trt_timing_cache_path"] = "/var/cache/timing",
        }, tensorRt.ToProviderOptions());
        Assert.Equal(new Dictionary<string, string> { ["device_id"] = "0" }, TensorRtProviderOptions.Default.ToProviderOptions());
    }

    [Fact]
    public void The_defaults_keep_every_rule()
    {
        Assert.Empty(OptionsValidator.Errors(CudaProviderOptions.Default));
        Assert.Empty(OptionsValidator.Errors(TensorRtProviderOptions.Default));
    }

    [Theory]
    [InlineData(-1, "CudaProviderOptions: DeviceId must be between 0 and 63, got -1.")]
    [InlineData(64, "CudaProviderOptions: DeviceId must be between 0 and 63, got 64.")]
    public void A_session_refuses_cuda_settings_that_break_a_rule_naming_the_value(int deviceId, string message)
    {
        var options = new InferenceSessionOptions { Cuda = new CudaProviderOptions { DeviceId = deviceId } };

        // Checked before ONNX Runtime is loaded: the bytes are never read.
        ArgumentException error = Assert.Throws<ArgumentException>(() => InferenceSession.Open(new byte[] { 1 }, "m", options));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => InferenceSession.CreateSessionOptions(options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_refuses_tensorrt_settings_that_break_a_rule_naming_each()
    {
        string table = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.table");
        var options = new InferenceSessionOptions
        {
            TensorRt = new TensorRtProviderOptions { DeviceId = -1, MaxWorkspace = 4096, Int8CalibrationTable = table },
        };

        string message = Assert.Throws<ArgumentException>(() => InferenceSession.Open(new byte[] { 1 }, "m", options)).Message;

        Assert.StartsWith("TensorRtProviderOptions: DeviceId must be between 0 and 63, got -1; MaxWorkspace must be at least 1048576, got 4096; "
            + $"Int8CalibrationTable file not found: {table}; Int8CalibrationTable a calibration table is only used with int8: true.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_refuses_settings_that_break_its_own_rules_naming_each()
    {
        var options = new InferenceSessionOptions { Providers = [], IntraOpThreads = 300, InterOpThreads = -1 };

        string message = Assert.Throws<ArgumentException>(() => InferenceSession.Open(new byte[] { 1 }, "m", options)).Message;

        Assert.StartsWith("InferenceSessionOptions: Providers must list at least one execution provider; "
            + "IntraOpThreads must be between 0 and 256, got 300; InterOpThreads must be between 0 and 256, got -1.", message, StringComparison.Ordinal);
        Assert.Empty(OptionsValidator.Errors(InferenceSessionOptions.Default));
    }

    [Theory]
    [InlineData(ExecutionProviderKind.TensorRt, "tensorrt")]
    [InlineData(ExecutionProviderKind.Cuda, "cuda")]
    [InlineData(ExecutionProviderKind.Cpu, "cpu")]
    public void A_provider_is_named_as_models_provider_spells_it_and_parsed_back(ExecutionProviderKind provider, string name)
    {
        Assert.Equal(name, InferenceSession.NameOf(provider));
        Assert.True(InferenceSession.TryParseProvider(name, out ExecutionProviderKind parsed));
        Assert.Equal(provider, parsed);
    }

    [Theory]
    [InlineData("tensor_rt")]
    [InlineData("TensorRT")]
    [InlineData("gpu")]
    public void A_name_no_provider_has_parses_to_none(string name) =>
        Assert.False(InferenceSession.TryParseProvider(name, out _));
}
