namespace Streams.Options;

/// <summary>Overrides the YAML name of a property or enum member where snake_case of the C# name reads wrong
/// (<c>TensorRT</c> is <c>tensorrt</c>, not <c>tensor_rt</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class ConfigNameAttribute(string name) : Attribute
{
    /// <summary>The YAML name.</summary>
    public string Name { get; } = name;
}
