namespace Streams.Configuration.Internal;

/// <summary>
/// Deep-merges the user's document over the shipped defaults: mappings merge key by key, sequences and scalars replace.
/// A section left empty by the user (<c>runtime:</c>) keeps its defaults. Every node keeps its origin, so positions of
/// the user's keys point into the user's file and those of untouched defaults into <c>defaults.yaml</c>.
/// </summary>
internal static class DefaultsMerger
{
    public static ConfigNode? Merge(ConfigNode? defaults, ConfigNode? user)
    {
        if (user is null || (user is ScalarNode { IsNull: true } && defaults is MappingNode))
        {
            return defaults;
        }

        if (defaults is not MappingNode defaultMap || user is not MappingNode userMap)
        {
            return user;
        }

        var entries = new List<KeyValuePair<ScalarNode, ConfigNode>>(userMap.Entries.Count + defaultMap.Entries.Count);
        foreach (var entry in userMap.Entries)
        {
            var shipped = defaultMap.Find(entry.Key.Value);
            entries.Add(new(entry.Key, shipped is null ? entry.Value : Merge(shipped, entry.Value)!));
        }

        foreach (var entry in defaultMap.Entries)
        {
            if (userMap.Find(entry.Key.Value) is null)
            {
                entries.Add(entry);
            }
        }

        return new MappingNode(userMap.File, userMap.Line, userMap.Column, entries);
    }
}
