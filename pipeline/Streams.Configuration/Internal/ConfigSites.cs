namespace Streams.Configuration.Internal;

/// <summary>
/// The side table from bound objects (by reference, since records compare by value) and their properties back to the
/// YAML nodes they came from, so validation can report a position and key path for a key of an object.
/// </summary>
internal sealed class ConfigSites
{
    private readonly Dictionary<object, ObjectSite> _objects = new(ReferenceEqualityComparer.Instance);

    public ObjectSite Add(object target, string path, ConfigNode node)
    {
        var site = new ObjectSite(path, node);
        _objects[target] = site;
        return site;
    }

    public ObjectSite? Find(object target) => _objects.GetValueOrDefault(target);
}
