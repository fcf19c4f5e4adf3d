using Microsoft.Extensions.Logging;
using Streams.Runtime;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Streams.Inference;

/// <summary>
/// The process's ONNX Runtime: the native library of the <c>Microsoft.ML.OnnxRuntime.Gpu</c> package
/// (<c>runtimes/linux-x64/native/libonnxruntime.so</c>, beside its CUDA and TensorRT provider libraries) and its one
/// environment, created once.
/// </summary>
/// <remarks>The environment lives until the process ends: ONNX Runtime keeps one per process and sessions need it.</remarks>
public static class OnnxRuntime
{
    /// <summary>The library's file name.</summary>
    public const string LibraryFileName = "libonnxruntime.so";

    private static readonly Lock s_lock = new();
    private static string? s_version;
    private static string? s_libraryPath;
    private static string[] s_providers = [];

    /// <summary>ONNX Runtime's version, e.g. 1.31.0; null before <see cref="Initialize"/>.</summary>
    public static string? Version => s_version;

    /// <summary>The file the library was loaded from; null before <see cref="Initialize"/> or where it cannot be told.</summary>
    public static string? LibraryPath => s_libraryPath;

    /// <summary>
    /// Loads the library and creates the environment, once; later calls return at once.
    /// </summary>
    /// <param name="logger">Where the line naming the version, the file and the providers built in goes.</param>
    /// <exception cref="OnnxRuntimeException">The native library cannot be loaded; the message names it.</exception>
    public static void Initialize(ILogger? logger = null)
    {
        lock (s_lock)
        {
            if (s_version is not null)
            {
                return;
            }

            try
            {
                Ort.OrtEnv env = Ort.OrtEnv.Instance();
                s_providers = env.GetAvailableProviders();
                s_version = env.GetVersionString();
            }
            catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
            {
                throw new OnnxRuntimeException(
                    $"ONNX Runtime's native library {LibraryFileName} cannot be loaded: {Innermost(ex).Message} It comes with the " +
                    "Microsoft.ML.OnnxRuntime.Gpu package (runtimes/linux-x64/native/ of the build output): rebuild, or run the setup script.", ex);
            }

            s_libraryPath = LoadedNativeLibraries.FindPath(LibraryFileName);
            logger?.LogInformation(InferenceLogEvents.RuntimeLoaded, "ONNX Runtime {Version} loaded from {Path}; providers built in: {Providers}",
                s_version, s_libraryPath ?? "(unknown)", string.Join(", ", s_providers));
        }
    }

    /// <summary>The execution providers the library was built with (TensorrtExecutionProvider, CUDAExecutionProvider,
    /// CPUExecutionProvider). Being listed does not mean usable: GPU providers also need NVIDIA's libraries.</summary>
    public static IReadOnlyList<string> GetAvailableProviders()
    {
        Initialize();
        return s_providers;
    }

    /// <summary>ONNX Runtime's exception as ours: its code and message kept, <paramref name="context"/> in front.</summary>
    internal static OnnxRuntimeException Translate(Ort.OnnxRuntimeException error, string context)
    {
        // The managed API writes "[ErrorCode:Name] message".
        string message = error.Message;
        OnnxRuntimeErrorCode code = OnnxRuntimeErrorCode.Fail;
        const string prefix = "[ErrorCode:";
        if (message.StartsWith(prefix, StringComparison.Ordinal) && message.IndexOf(']', StringComparison.Ordinal) is > 0 and int end)
        {
            if (Enum.TryParse(message.AsSpan(prefix.Length, end - prefix.Length), out OnnxRuntimeErrorCode parsed))
            {
                code = parsed;
            }

            message = message[(end + 1)..].TrimStart();
        }

        return new OnnxRuntimeException(code, message, context, error);
    }

    /// <summary>Runs an ONNX Runtime call made at start-up (not on a hot path: the lambda allocates).</summary>
    internal static T Call<T>(Func<T> call, string context)
    {
        try
        {
            return call();
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            throw Translate(ex, context);
        }
    }

    /// <summary>Runs an ONNX Runtime call that returns nothing, made at start-up (the lambda allocates).</summary>
    internal static void Call(Action call, string context)
    {
        try
        {
            call();
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            throw Translate(ex, context);
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
