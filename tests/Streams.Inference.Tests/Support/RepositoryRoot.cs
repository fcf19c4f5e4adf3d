namespace Streams.Inference.Tests.Support;

/// <summary>The checkout the tests run from: the folder holding <c>Streams.sln</c>, found by walking up from the test binaries.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(Find);

    /// <summary>The repository root.</summary>
    public static string Path => s_path.Value;

    /// <summary>A file or folder under the root, from path segments.</summary>
    public static string Combine(params string[] segments) => System.IO.Path.Combine([Path, .. segments]);

    private static string Find()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder, "Streams.sln")))
        {
            folder = System.IO.Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException($"Streams.sln was not found above {AppContext.BaseDirectory}.");
    }
}
