namespace Streams.Configuration.Internal;

/// <summary>A YAML mapping with string keys, in document order, without duplicates (the reader reports and drops them).</summary>
internal sealed class MappingNode(string file, int line, int column, IReadOnlyList<KeyValuePair<ScalarNode, ConfigNode>> entries)
    : ConfigNode(file, line, column)
{
    public IReadOnlyList<KeyValuePair<ScalarNode, ConfigNode>> Entries { get; } = entries;

    public ConfigNode? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    public override string Describe() => "a mapping";
}
