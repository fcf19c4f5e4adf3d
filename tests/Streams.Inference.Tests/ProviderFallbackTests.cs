using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Streams.Inference.Internal;
using Streams.Inference.Tests.Support;

namespace Streams.Inference.Tests;

[Trait("Tier", "Integration")]
public sealed class ProviderFallbackTests
{
    [WithoutCudaFact]
    public void Cuda_without_its_libraries_is_skipped_naming_every_missing_library_and_the_CPU_runs_the_model()
    {
        var log = new ListLogger();
        var options = new InferenceSessionOptions { Providers = [ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu] };

        using InferenceSession session = InferenceSession.Open(TestModels.Identity(), "identity", options, log);

        Assert.Equal(ExecutionProviderKind.Cpu, session.Provider);
        string skipped = Assert.Single(session.SkippedProviders);
        Assert.StartsWith("cuda: missing ", skipped, StringComparison.Ordinal);
        string warning = Assert.Single(log.Lines, l => l.Level == LogLevel.Warning).Text;
        Assert.Contains("execution provider cuda skipped: missing ", warning, StringComparison.Ordinal);
        foreach (string library in GpuLibraries.Missing(ExecutionProviderKind.Cuda))
        {
            Assert.Contains(library, warning, StringComparison.Ordinal);
        }

        Assert.Contains("needs CUDA 13.x, cuDNN 9 and an NVIDIA driver", warning, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Information && l.Text.Contains("runs on cpu (fallback: cuda: missing ", StringComparison.Ordinal));
    }

    [WithoutGpuProvidersFact]
    public void TensorRt_then_cuda_then_cpu_falls_back_twice_in_the_preferred_order_naming_what_each_lacks()
    {
        var options = new InferenceSessionOptions
        {
            Providers = [ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu],
            TensorRt = new TensorRtProviderOptions { Fp16 = true, EngineCacheDir = Path.GetTempPath() },
        };

        using InferenceSession session = InferenceSession.Open(TestModels.Identity(), "identity", options);

        Assert.Equal(ExecutionProviderKind.Cpu, session.Provider);
        Assert.Equal(2, session.SkippedProviders.Count);
        Assert.StartsWith("tensorrt: missing ", session.SkippedProviders[0], StringComparison.Ordinal);
        foreach (string library in GpuLibraries.Missing(ExecutionProviderKind.TensorRt))
        {
            Assert.Contains(library, session.SkippedProviders[0], StringComparison.Ordinal);
        }

        Assert.Contains("needs TensorRT 10", session.SkippedProviders[0], StringComparison.Ordinal);
        Assert.StartsWith("cuda: missing ", session.SkippedProviders[1], StringComparison.Ordinal);
    }

    [WithoutCudaFact]
    public void Cuda_alone_without_its_libraries_fails_at_start_naming_the_model_and_the_missing_libraries_not_a_silent_cpu_run()
    {
        var options = new InferenceSessionOptions { Providers = [ExecutionProviderKind.Cuda] };

        ModelLoadException error = Assert.Throws<ModelLoadException>(() => InferenceSession.Open(TestModels.Identity(), "det.onnx", options));

        Assert.StartsWith("Model 'det.onnx': no execution provider of [cuda] could run it: cuda: missing ", error.Message, StringComparison.Ordinal);
        foreach (string library in GpuLibraries.Missing(ExecutionProviderKind.Cuda))
        {
            Assert.Contains(library, error.Message, StringComparison.Ordinal);
        }
    }

    [WithCudaFact]
    public void With_the_cuda_libraries_present_cuda_runs_the_model()
    {
        var options = new InferenceSessionOptions { Providers = [ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu] };

        using InferenceSession session = InferenceSession.Open(TestModels.Identity(), "identity", options);

        Assert.Equal(ExecutionProviderKind.Cuda, session.Provider);
        Assert.Empty(session.SkippedProviders);
    }

    [Theory]
    [InlineData(ExecutionProviderKind.Cuda, "libonnxruntime_providers_cuda.so")]
    [InlineData(ExecutionProviderKind.TensorRt, "libonnxruntime_providers_tensorrt.so")]
    public void Every_library_the_dynamic_loader_cannot_find_for_a_provider_is_one_the_probe_names(ExecutionProviderKind provider, string file)
    {
        Assert.NotNull(GpuLibraries.RuntimeDirectory);
        string library = Path.Combine(GpuLibraries.RuntimeDirectory, file);
        Assert.True(File.Exists(library), $"{library} is shipped by Microsoft.ML.OnnxRuntime.Gpu.Linux");

        var named = new HashSet<string>(ProviderLibraries.Needed(provider), StringComparer.Ordinal);
        foreach (string line in Ldd(library))
        {
            // "\tlibcudart.so.13 => not found"
            if (line.Contains("=> not found", StringComparison.Ordinal))
            {
                string soname = line.Trim().Split(' ')[0];
                Assert.Contains(soname, named);
            }
        }
    }

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

    private static List<string> Ldd(string library)
    {
        using var ldd = Process.Start(new ProcessStartInfo("ldd", [library]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var lines = new List<string>();
        while (ldd.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        Assert.True(ldd.WaitForExit(TimeSpan.FromSeconds(30)), "ldd did not finish in 30 s");
        Assert.Equal(0, ldd.ExitCode);
        Assert.NotEmpty(lines);
        return lines;
    }
}
