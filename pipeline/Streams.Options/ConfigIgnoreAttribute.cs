namespace Streams.Options;

/// <summary>A property code sets and a pipeline file does not: the binder neither reads nor offers it as a key.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ConfigIgnoreAttribute : Attribute
{
}
