namespace Streams.Configuration.Internal;

/// <summary>Marks an abstract options type whose YAML mappings choose their concrete type by the key
/// <see cref="Key"/>; the concrete types are the <see cref="ConfigSubtypeAttribute"/>-marked subclasses in the same assembly.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class ConfigDiscriminatorAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}
