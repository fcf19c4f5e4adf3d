using System.Runtime.InteropServices;
using Streams.Hosting.Benchmarking;

namespace Streams.Cli.Tests;

/// <summary>
/// The GPU providers seen from the command line on a machine without NVIDIA's libraries: the fallback names what is
/// missing, a list without cpu stops the start, <c>streams providers</c> says the same. Skipped, with why, where CUDA loads.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class GpuProviderTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private static readonly string s_detector = Path.Combine(BenchOptions.FindRoot(AppContext.BaseDirectory)!, "models", "demo-detector.onnx");

    [WithoutCudaFact]
    public async Task A_model_on_cuda_alone_stops_the_start_with_a_non_zero_exit_naming_the_missing_libraries()
    {
        using var files = new TestFiles();
        string config = files.Write("cuda.yaml", $$"""
            runtime: { metrics_interval: 0 }
            sources:
              - { id: cam, uri: "synthetic://pattern?width=320&height=180&frames=20", replay: fast }
            models:
              - { id: det, path: "{{s_detector}}", provider: [cuda] }
            """);
        using StreamsProcess streams = StreamsProcess.Start("run", config);

        Assert.Equal(1, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("no execution provider of [cuda] could run it: cuda: missing ", streams.Stderr, StringComparison.Ordinal);
        Assert.Contains("libcudart.so.13", streams.Stderr, StringComparison.Ordinal);
        Assert.Contains("libcudnn.so.9", streams.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("runs on cpu", streams.Stderr, StringComparison.Ordinal);
    }

    [WithoutCudaFact]
    public async Task With_cpu_last_the_run_goes_on_on_the_cpu_and_the_log_names_what_each_gpu_provider_lacks()
    {
        using var files = new TestFiles();
        string config = files.Write("fallback.yaml", $$"""
            runtime: { metrics_interval: 0 }
            sources:
              - { id: cam, uri: "synthetic://pattern?width=320&height=180&frames=20", replay: fast }
            models:
              - { id: det, path: "{{s_detector}}", provider: [tensorrt, cuda, cpu] }
            """);
        using StreamsProcess streams = StreamsProcess.Start("run", config);

        Assert.Equal(0, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("execution provider tensorrt skipped: missing libnvinfer.so.10, libnvonnxparser.so.10", streams.Stderr, StringComparison.Ordinal);
        Assert.Matches("execution provider cuda skipped: missing [^\\n]*libcudart\\.so\\.13", streams.Stderr);
        Assert.Contains("runs on cpu (fallback: tensorrt: missing", streams.Stderr, StringComparison.Ordinal);
    }

    [WithoutCudaFact]
    public async Task Providers_says_which_load_and_fails_when_none_required_does()
    {
        using StreamsProcess streams = StreamsProcess.Start("providers", "--model", s_detector, "--require", "tensorrt,cuda");

        Assert.Equal(1, await streams.WaitForExitAsync(s_timeout));
        Assert.Contains("built with: TensorrtExecutionProvider, CUDAExecutionProvider, CPUExecutionProvider", streams.Stdout, StringComparison.Ordinal);
        Assert.Matches("cuda: does not load: [^\\n]*missing [^\\n]*libcublas\\.so\\.13", streams.Stdout);
        Assert.Contains("cpu: loads", streams.Stdout, StringComparison.Ordinal);
        Assert.Contains("none of [tensorrt,cuda] loads", streams.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs where the CUDA provider cannot load (its runtime or the driver is missing), else is skipped with why.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    private sealed class WithoutCudaFactAttribute : FactAttribute
    {
        public WithoutCudaFactAttribute()
        {
            if (Loads("libcudart.so.13") && Loads("libcuda.so.1"))
            {
                Skip = "CUDA 13 and an NVIDIA driver are present here: the fallback cannot be seen";
            }
        }

        private static bool Loads(string library)
        {
            if (!NativeLibrary.TryLoad(library, out IntPtr handle))
            {
                return false;
            }

            NativeLibrary.Free(handle);
            return true;
        }
    }
}
