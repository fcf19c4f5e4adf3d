using Streams.Configuration;

namespace Streams.Cli.Commands;

/// <summary>Loads pipeline files for commands, printing every configuration error.</summary>
internal static class ConfigFiles
{
    /// <summary>Loads <paramref name="file"/>; on errors prints them all to stderr and returns null.</summary>
    public static PipelineOptions? TryLoad(FileInfo file, TextWriter errors)
    {
        try
        {
            return PipelineConfigLoader.Load(file.FullName);
        }
        catch (ConfigurationException ex)
        {
            foreach (ConfigError error in ex.Errors)
            {
                errors.WriteLine(error.ToString());
            }

            errors.WriteLine($"{ex.ErrorCount} error{(ex.ErrorCount == 1 ? string.Empty : "s")} in {file.Name}");
            return null;
        }
    }

    /// <summary>
    /// Finds a file shipped with Streams (the demo configuration): under the current directory, then beside the
    /// program and in the folders above it, where a source checkout keeps it.
    /// </summary>
    public static FileInfo? FindShipped(string relativePath)
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                var candidate = new FileInfo(Path.Combine(dir.FullName, relativePath));
                if (candidate.Exists)
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
