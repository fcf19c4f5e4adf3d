using Streams.Inference.Internal;

namespace Streams.Inference.Tests.Support;

/// <summary>Which GPU providers this machine can load, as the session's own probe sees it; tests pick their case by it.</summary>
internal static class GpuLibraries
{
    private static readonly Lazy<string?> s_directory = new(() =>
    {
        OnnxRuntime.Initialize();
        return Path.GetDirectoryName(OnnxRuntime.LibraryPath);
    });

    /// <summary>The folder of the loaded libonnxruntime.so, beside its provider libraries.</summary>
    public static string? RuntimeDirectory => s_directory.Value;

    /// <summary>What <paramref name="provider"/> lacks here; empty where it can load.</summary>
    public static List<string> Missing(ExecutionProviderKind provider) => ProviderLibraries.Missing(provider, RuntimeDirectory);
}
