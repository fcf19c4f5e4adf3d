namespace Streams.Sinks.Internal;

/// <summary>Reads the files a Linux process has mapped, from the text of <c>/proc/self/maps</c>.</summary>
internal static class ProcessMaps
{
    /// <summary>Where the kernel lists this process's mappings.</summary>
    public const string SelfPath = "/proc/self/maps";

    /// <summary>
    /// The distinct absolute paths of the mapped files, in order of first appearance. Anonymous mappings, pseudo-entries
    /// (<c>[heap]</c>, <c>[vdso]</c>...) and files deleted since they were mapped are left out.
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
}
