namespace Streams.Configuration.Internal;

/// <summary>Where one bound object came from, its properties' key and value nodes, and which properties failed to bind
/// (validation stays quiet about those, so one mistake gives one error).</summary>
internal sealed class ObjectSite(string path, ConfigNode node)
{
    public string Path { get; } = path;

    public ConfigNode Node { get; } = node;

    /// <summary>By C# property name.</summary>
    public Dictionary<string, PropertySite> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>C# names of properties that were missing, mistyped or partly bound.</summary>
    public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);
}
