using Microsoft.Extensions.Logging;
using Streams.Inference.Interop;
using Streams.Inference.Internal;

namespace Streams.Inference;

/// <summary>
/// The process's ONNX Runtime: the native library, loaded once through the C API, and its one environment.
/// </summary>
/// <remarks>
/// <para>The library is found in this order: the path given to <see cref="Initialize"/> (the <c>runtime</c>
/// configuration's library path), the <c>STREAMS_ORT_LIBRARY</c> environment variable, then
/// <c>.native/onnxruntime/libonnxruntime.so.1</c> under the application's folder or any parent up to the repository
/// root (the folder holding <c>Streams.sln</c>), then the system loader.</para>
/// <para>The environment lives until the process ends: ONNX Runtime keeps one per process and sessions need it.</para>
/// </remarks>
public static class OnnxRuntime
{
    /// <summary>The environment variable naming the library file.</summary>
    public const string LibraryEnvironmentVariable = "STREAMS_ORT_LIBRARY";

    /// <summary>The library's file name.</summary>
    public const string LibraryFileName = "libonnxruntime.so.1";

    /// <summary><c>ORT_LOGGING_LEVEL_WARNING</c>: ONNX Runtime's own log prints warnings and errors only.</summary>
    private const int LogSeverityWarning = 2;

    private static readonly Lock s_lock = new();
    private static OrtEnvHandle? s_environment;
    private static OrtMemoryInfoHandle? s_cpuMemory;
    private static string[]? s_providers;

    /// <summary>The file the library was loaded from; null before <see cref="Initialize"/>.</summary>
    public static string? LibraryPath => OrtApi.LibraryPath;

    /// <summary>ONNX Runtime's version, e.g. 1.30.0; null before <see cref="Initialize"/>.</summary>
    public static string? Version => OrtApi.Version;

    /// <summary>
    /// Loads the library and creates the environment, once; later calls return at once. An explicit path that
    /// differs from the library already loaded is refused.
    /// </summary>
    /// <param name="libraryPath">The library file; null to search (see the remarks of <see cref="OnnxRuntime"/>).</param>
    /// <param name="logger">Where the line naming the version and file goes.</param>
    /// <exception cref="FileNotFoundException">An explicit or environment path names no file.</exception>
    /// <exception cref="OnnxRuntimeException">The library cannot be loaded or is not a usable ONNX Runtime.</exception>
    public static void Initialize(string? libraryPath = null, ILogger? logger = null)
    {
        lock (s_lock)
        {
            if (s_environment is not null)
            {
                if (!string.IsNullOrWhiteSpace(libraryPath) && Path.GetFullPath(libraryPath) != OrtApi.LibraryPath)
                {
                    throw new InvalidOperationException(
                        $"ONNX Runtime is loaded from '{OrtApi.LibraryPath}' already; '{libraryPath}' cannot be loaded as well.");
                }

                return;
            }

            (string path, string origin) = OrtLibraryLocator.Resolve(libraryPath,
                Environment.GetEnvironmentVariable(LibraryEnvironmentVariable), AppContext.BaseDirectory);
            try
            {
                OrtApi.Load(path);
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or NotSupportedException)
            {
                throw new OnnxRuntimeException(
                    $"ONNX Runtime cannot be loaded from '{path}' (found through the {origin}): {ex.Message} " +
                    $"Run the setup script, set {LibraryEnvironmentVariable}, or set the library path in the configuration.", ex);
            }

            s_environment = OrtNative.CreateEnv(LogSeverityWarning, "streams");
            s_cpuMemory = OrtNative.CreateCpuMemoryInfo();
            s_providers = OrtNative.GetAvailableProviders();
            logger?.LogInformation(InferenceLogEvents.RuntimeLoaded, "ONNX Runtime {Version} loaded from {Path} ({Origin}); providers built in: {Providers}",
                OrtApi.Version, path, origin, string.Join(", ", s_providers));
        }
    }

    /// <summary>The execution providers the library was built with (e.g. TensorrtExecutionProvider, CUDAExecutionProvider,
    /// CPUExecutionProvider). Being listed does not mean usable: GPU providers also need their own libraries.</summary>
    public static IReadOnlyList<string> GetAvailableProviders()
    {
        Initialize();
        return s_providers!;
    }

    internal static OrtEnvHandle Env
    {
        get
        {
            Initialize();
            return s_environment!;
        }
    }

    internal static OrtMemoryInfoHandle CpuMemory
    {
        get
        {
            Initialize();
            return s_cpuMemory!;
        }
    }
}
