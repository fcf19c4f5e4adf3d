using System.Runtime.InteropServices;

namespace Streams.Inference.Internal;

/// <summary>
/// The NVIDIA libraries ONNX Runtime 1.31's GPU providers need (<c>ldd</c> of <c>libonnxruntime_providers_cuda.so</c> and
/// <c>_tensorrt.so</c> from Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0), looked for the way the dynamic loader looks, so
/// that a provider that cannot load is skipped with every missing library named, not only the first the loader meets.
/// </summary>
internal static class ProviderLibraries
{
    /// <summary>CUDA 13 (runtime, cuBLAS, cuBLASLt, cuRAND), cuDNN 9, and the NVIDIA driver's libcuda.</summary>
    public static readonly string[] Cuda =
        ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcudnn.so.9"];

    /// <summary>TensorRT 10's runtime and ONNX parser; the provider runs on CUDA too (<see cref="Cuda"/>).</summary>
    public static readonly string[] TensorRt = ["libnvinfer.so.10", "libnvonnxparser.so.10"];

    /// <summary>ONNX Runtime's provider library of <paramref name="provider"/>, beside <c>libonnxruntime.so</c>.</summary>
    public static string ProviderFile(ExecutionProviderKind provider) => provider switch
    {
        ExecutionProviderKind.Cuda => "libonnxruntime_providers_cuda.so",
        ExecutionProviderKind.TensorRt => "libonnxruntime_providers_tensorrt.so",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "The CPU provider is built into ONNX Runtime."),
    };

    /// <summary>What a user installs for <paramref name="provider"/>.</summary>
    public static string Requirement(ExecutionProviderKind provider) => provider == ExecutionProviderKind.TensorRt
        ? "TensorRT 10 with CUDA 13.x, cuDNN 9 and an NVIDIA driver"
        : "CUDA 13.x, cuDNN 9 and an NVIDIA driver";

    /// <summary>The NVIDIA libraries <paramref name="provider"/> needs, in the order they are listed here.</summary>
    public static IEnumerable<string> Needed(ExecutionProviderKind provider) =>
        provider == ExecutionProviderKind.TensorRt ? [.. TensorRt, .. Cuda] : Cuda;

    /// <summary>
    /// The libraries <paramref name="provider"/> needs that cannot be loaded: ONNX Runtime's own provider library in
    /// <paramref name="runtimeDirectory"/> (when known), then each NVIDIA library by its soname.
    /// </summary>
    public static List<string> Missing(ExecutionProviderKind provider, string? runtimeDirectory)
    {
        var missing = new List<string>();
        if (runtimeDirectory is not null)
        {
            foreach (string file in (string[])["libonnxruntime_providers_shared.so", ProviderFile(provider)])
            {
                if (!File.Exists(Path.Combine(runtimeDirectory, file)))
                {
                    missing.Add(file);
                }
            }
        }

        foreach (string library in Needed(provider))
        {
            // Loading is the only true test (LD_LIBRARY_PATH, ld.so.cache, RUNPATH); the provider loads them anyway.
            if (NativeLibrary.TryLoad(library, out IntPtr handle))
            {
                NativeLibrary.Free(handle);
            }
            else
            {
                missing.Add(library);
            }
        }

        return missing;
    }
}
