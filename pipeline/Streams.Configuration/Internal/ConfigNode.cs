namespace Streams.Configuration.Internal;

/// <summary>
/// One node of a parsed YAML document, with the file and 1-based position it came from. The tree is built by
/// <see cref="YamlDocumentReader"/> and merged by <see cref="DefaultsMerger"/>, so a merged tree mixes nodes from the
/// shipped defaults and from the user's file, each still pointing at its own origin.
/// </summary>
internal abstract class ConfigNode(string file, int line, int column)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>How the node reads in a "got ..." message; never echoes a substituted value.</summary>
    public abstract string Describe();
}
