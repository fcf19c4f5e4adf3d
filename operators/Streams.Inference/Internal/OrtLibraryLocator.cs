namespace Streams.Inference.Internal;

/// <summary>Finds the ONNX Runtime library: explicit path, environment variable, the repository's .native folder, the system loader.</summary>
internal static class OrtLibraryLocator
{
    /// <summary>The folder, relative to the repository root (or the application's folder), where setup puts the library.</summary>
    public const string NativeFolder = ".native/onnxruntime";

    /// <summary>The file marking the repository root: the search upwards stops there.</summary>
    public const string RepositoryMarker = "Streams.sln";

    /// <summary>
    /// Resolves where to load the library from. A path given explicitly or through the environment variable must
    /// exist; otherwise the application folder and its parents up to the repository root are searched for
    /// <c>.native/onnxruntime/libonnxruntime.so.1</c>; failing that, the bare file name goes to the system loader.
    /// </summary>
    /// <returns>The path and where it came from ("option", "environment", "repository", "system").</returns>
    /// <exception cref="FileNotFoundException">An explicit or environment path names no file.</exception>
    public static (string Path, string Origin) Resolve(string? explicitPath, string? environmentValue, string startDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return (RequireFile(explicitPath, "the configured ONNX Runtime library"), "option");
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return (RequireFile(environmentValue, $"{OnnxRuntime.LibraryEnvironmentVariable}"), "environment");
        }

        for (DirectoryInfo? dir = new(startDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, NativeFolder, OnnxRuntime.LibraryFileName);
            if (File.Exists(candidate))
            {
                return (candidate, "repository");
            }

            if (File.Exists(Path.Combine(dir.FullName, RepositoryMarker)))
            {
                break;
            }
        }

        return (OnnxRuntime.LibraryFileName, "system");
    }

    private static string RequireFile(string path, string what)
    {
        string full = Path.GetFullPath(path);
        return File.Exists(full)
            ? full
            : throw new FileNotFoundException($"{what} names '{full}', which does not exist.", full);
    }
}
