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
