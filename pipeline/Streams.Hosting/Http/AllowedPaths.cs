namespace Streams.Hosting.Http;

/// <summary>
/// <c>api.allowed_paths</c>: the directories a file source added through the API may lie under. Paths are compared
/// after every symbolic link in them is followed, so a link inside an allowed directory cannot lead out of it.
/// </summary>
internal sealed class AllowedPaths
{
    /// <summary>Links followed in one path before it is refused, as the kernel's own bound on link chains.</summary>
    private const int MaxLinks = 40;

    private readonly string[] _directories;

    /// <summary>Allows files under <paramref name="directories"/>; none when null or empty.</summary>
    public AllowedPaths(IReadOnlyList<string>? directories)
    {
        Directories = directories ?? [];
        _directories = new string[Directories.Count];
        for (int i = 0; i < _directories.Length; i++)
        {
            _directories[i] = Path.TrimEndingDirectorySeparator(Resolve(Directories[i]));
        }
    }

    /// <summary>The directories as configured, for messages.</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>Whether <paramref name="file"/>, with its links followed, lies under one of the directories.</summary>
    public bool Allows(string file)
    {
        string resolved;
        try
        {
            resolved = Resolve(file);
        }
        catch (IOException)
        {
            return false;
        }

        foreach (string directory in _directories)
        {
            // The root directory ends in a separator already; every other is compared with one appended, so that
            // /data does not allow /database.
            string prefix = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
            if (resolved.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="path"/> made absolute with every symbolic link in it followed, component by component: what
    /// the kernel opens, as <c>realpath</c> gives it. Components that do not exist are kept as written.
    /// </summary>
    /// <exception cref="IOException">The path goes through more than 40 links, as a loop of links does.</exception>
    public static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        for (int links = 0; links <= MaxLinks; links++)
        {
            string root = Path.GetPathRoot(full) ?? "/";
            string[] parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            string current = root;
            string? relinked = null;
            for (int i = 0; i < parts.Length; i++)
            {
                string next = Path.Combine(current, parts[i]);
                if (new FileInfo(next).LinkTarget is { } target)
                {
                    // The target is relative to the link's directory; what followed the link goes on from the target.
                    relinked = Path.GetFullPath(Path.Join(Path.GetFullPath(target, current), string.Join(Path.DirectorySeparatorChar, parts[(i + 1)..])));
                    break;
                }

                current = next;
            }

            if (relinked is null)
            {
                return current;
            }

            full = relinked;
        }

        throw new IOException($"more than {MaxLinks} symbolic links in {path}");
    }
}
