namespace Streams.Inference.Tests.Support;

/// <summary>A test of the CPU fallback: it runs where the CUDA provider cannot load and is skipped, with why, where it can.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class WithoutCudaFactAttribute : FactAttribute
{
    public WithoutCudaFactAttribute()
    {
        if (GpuLibraries.Missing(ExecutionProviderKind.Cuda).Count == 0)
        {
            Skip = "the CUDA provider's libraries are all present here: the fallback cannot be seen";
        }
    }
}

/// <summary>A test of the TensorRT fallback: it runs where neither GPU provider can load and is skipped, with why, where one can.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class WithoutGpuProvidersFactAttribute : FactAttribute
{
    public WithoutGpuProvidersFactAttribute()
    {
        if (GpuLibraries.Missing(ExecutionProviderKind.Cuda).Count == 0 || GpuLibraries.Missing(ExecutionProviderKind.TensorRt).Count == 0)
        {
            Skip = "a GPU provider's libraries are all present here: the double fallback cannot be seen";
        }
    }
}

/// <summary>A test that needs the CUDA provider: skipped, naming what is missing, where it cannot load.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class WithCudaFactAttribute : FactAttribute
{
    public WithCudaFactAttribute()
    {
        List<string> missing = GpuLibraries.Missing(ExecutionProviderKind.Cuda);
        if (missing.Count > 0)
        {
            Skip = $"no CUDA here: missing {string.Join(", ", missing)}";
        }
    }
}
