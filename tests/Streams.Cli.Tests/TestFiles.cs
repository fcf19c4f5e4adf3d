namespace Streams.Cli.Tests;

/// <summary>A temporary folder for pipeline files, deleted afterwards.</summary>
internal sealed class TestFiles : IDisposable
{
    public TestFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "streams-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public string Write(string name, string content)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
