namespace Streams.Options;

/// <summary>Marks an abstract options record whose YAML mappings choose their concrete record by the key
/// <see cref="Key"/>; the concrete records are the <see cref="ConfigSubtypeAttribute"/>-marked subclasses declared in the
/// same assembly as the base (an operator's records beside its base, like the sinks').</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConfigDiscriminatorAttribute(string key) : Attribute
{
    /// <summary>The YAML key naming the subtype (<c>type</c>).</summary>
    public string Key { get; } = key;
}
