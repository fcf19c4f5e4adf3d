namespace Streams.Runtime;

/// <summary>
/// Which file a native library the process has loaded came from, read from the process's memory map
/// (<c>/proc/self/maps</c>): packages pick a file for the platform at run time, and logs and checks need to know which.
/// </summary>
public static class LoadedNativeLibraries
{
    private const string MapsFile = "/proc/self/maps";

    /// <summary>
    /// The full path of the first loaded file whose name starts with <paramref name="fileNamePrefix"/> (e.g.
    /// <c>libonnxruntime.so</c>, which also finds <c>libonnxruntime.so.1.31.0</c>); null when none is loaded or the map
    /// cannot be read (not Linux).
    /// </summary>
    public static string? FindPath(string fileNamePrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileNamePrefix);
        if (!File.Exists(MapsFile))
        {
            return null;
        }

        foreach (string line in File.ReadLines(MapsFile))
        {
            // address perms offset dev inode path: the path, when there is one, starts at the first '/'.
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            ReadOnlySpan<char> path = line.AsSpan(slash).TrimEnd();
            ReadOnlySpan<char> name = path[(path.LastIndexOf('/') + 1)..];
            if (name.StartsWith(fileNamePrefix, StringComparison.Ordinal))
            {
                return path.ToString();
            }
        }

        return null;
    }
}
