using Microsoft.Extensions.Logging;
using Streams.Inference.Tests.Support;

namespace Streams.Inference.Tests;

public sealed class ProviderFallbackTests
{
    [Fact]
    public void Cuda_without_its_provider_libraries_is_skipped_with_the_runtime_reason_and_the_CPU_runs_the_model()
    {
        var log = new ListLogger();
        var options = new InferenceSessionOptions { Providers = [ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu] };

        using InferenceSession session = InferenceSession.Open(TestModels.Identity(), "identity", options, log);

        Assert.Equal(ExecutionProviderKind.Cpu, session.Provider);
        string skipped = Assert.Single(session.SkippedProviders);
        Assert.StartsWith("cuda: ", skipped, StringComparison.Ordinal);
        Assert.Contains("Failed to load shared library", skipped, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("execution provider cuda skipped", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Information && l.Text.Contains("runs on cpu (fallback: cuda: ", StringComparison.Ordinal));
    }

    [Fact]
    public void TensorRt_then_cuda_then_cpu_falls_back_twice_in_the_preferred_order()
    {
        var options = new InferenceSessionOptions
        {
            Providers = [ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu],
            TensorRtFp16 = true,
            TensorRtCachePath = Path.GetTempPath(),
        };

        using InferenceSession session = InferenceSession.Open(TestModels.Identity(), "identity", options);

        Assert.Equal(ExecutionProviderKind.Cpu, session.Provider);
        Assert.Equal(2, session.SkippedProviders.Count);
        Assert.StartsWith("tensorrt: ", session.SkippedProviders[0], StringComparison.Ordinal);
        Assert.StartsWith("cuda: ", session.SkippedProviders[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_with_only_a_provider_that_cannot_load_fails_at_start_naming_the_model_and_the_provider()
    {
        var options = new InferenceSessionOptions { Providers = [ExecutionProviderKind.Cuda] };

        ModelLoadException error = Assert.Throws<ModelLoadException>(() => InferenceSession.Open(TestModels.Identity(), "det.onnx", options));

        Assert.StartsWith("Model 'det.onnx': no execution provider of [cuda] could run it: cuda: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Failed to load", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExecutionProviderKind.TensorRt, false, "appending the TensorRT execution provider: ")]
    [InlineData(ExecutionProviderKind.TensorRt, true, "setting TensorRT provider options: ")]
    [InlineData(ExecutionProviderKind.Cuda, false, "appending the CUDA execution provider: ")]
    [InlineData(ExecutionProviderKind.Cuda, true, "setting CUDA provider options: ")]
    public void Provider_options_are_created_and_the_library_load_fails_in_the_update_or_the_append(ExecutionProviderKind provider, bool settings,
        string step)
    {
        var options = new InferenceSessionOptions { Providers = [provider], TensorRtFp16 = settings, DeviceId = settings ? 1 : 0 };

        ModelLoadException error = Assert.Throws<ModelLoadException>(() => InferenceSession.Open(TestModels.Identity(), "det.onnx", options));

        var cause = Assert.IsType<OnnxRuntimeException>(error.InnerException);
        Assert.StartsWith(step, cause.Message, StringComparison.Ordinal);
        Assert.Contains("Failed to load", cause.NativeMessage, StringComparison.Ordinal);
    }
}
