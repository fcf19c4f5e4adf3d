namespace Streams.Configuration.Internal;

/// <summary>The discriminator value that selects this subtype of a <see cref="ConfigDiscriminatorAttribute"/> type.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class ConfigSubtypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
