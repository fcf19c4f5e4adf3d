namespace Streams.Runtime;

/// <summary>
/// The files mapped into this process, read from its memory map (<c>/proc/self/maps</c>): packages pick a native
/// library for the platform at run time (ONNX Runtime's, librdkafka's), and logs, checks and bindings that must call
/// into the very same file need to know which one it is.
/// </summary>
public static class LoadedNativeLibraries
{
    /// <summary>Where the kernel lists this process's mappings.</summary>
    public const string SelfMapsPath = "/proc/self/maps";

    /// <summary>The distinct files mapped into this process, in order of first appearance; empty where the map cannot
    /// be read (not Linux).</summary>
    public static List<string> MappedFiles() => File.Exists(SelfMapsPath) ? MappedFiles(File.ReadAllText(SelfMapsPath)) : [];

    /// <summary>
    /// The distinct absolute paths of the mapped files in <paramref name="maps"/> (the text of a <c>maps</c> file), in
    /// order of first appearance. Anonymous mappings, pseudo-entries (<c>[heap]</c>, <c>[vdso]</c>...) and files deleted
    /// since they were mapped are left out.
    /// </summary>
    public static List<string> MappedFiles(string maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (ReadOnlySpan<char> line in maps.AsSpan().EnumerateLines())
        {
            // address perms offset dev inode [path]: the path starts after the fifth field and may hold spaces.
            ReadOnlySpan<char> rest = line;
            for (int field = 0; field < 5; field++)
            {
                rest = rest.TrimStart(' ');
                int space = rest.IndexOf(' ');
                rest = space < 0 ? [] : rest[space..];
            }

            ReadOnlySpan<char> path = rest.Trim(' ');
            if (path.Length == 0 || path[0] != '/' || path.EndsWith(" (deleted)", StringComparison.Ordinal))
            {
                continue;
            }

            string text = path.ToString();
            if (seen.Add(text))
            {
                files.Add(text);
            }
        }

        return files;
    }

    /// <summary>
    /// The full path of the first mapped file whose name starts with <paramref name="fileNamePrefix"/> (e.g.
    /// <c>libonnxruntime.so</c>, which also finds <c>libonnxruntime.so.1.31.0</c>); null when none is mapped.
    /// </summary>
    public static string? FindPath(string fileNamePrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileNamePrefix);
        foreach (string file in MappedFiles())
        {
            if (Path.GetFileName(file).StartsWith(fileNamePrefix, StringComparison.Ordinal))
            {
                return file;
            }
        }

        return null;
    }
}
