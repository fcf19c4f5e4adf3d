namespace Streams.Options;

/// <summary>The discriminator value that selects this subtype of a <see cref="ConfigDiscriminatorAttribute"/> record.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConfigSubtypeAttribute(string name) : Attribute
{
    /// <summary>The value of the discriminator key (<c>kafka</c>).</summary>
    public string Name { get; } = name;
}
