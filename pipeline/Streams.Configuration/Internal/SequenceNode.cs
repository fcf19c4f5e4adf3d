namespace Streams.Configuration.Internal;

/// <summary>A YAML sequence.</summary>
internal sealed class SequenceNode(string file, int line, int column, IReadOnlyList<ConfigNode> items) : ConfigNode(file, line, column)
{
    public IReadOnlyList<ConfigNode> Items { get; } = items;

    public override string Describe() => "a list";
}
