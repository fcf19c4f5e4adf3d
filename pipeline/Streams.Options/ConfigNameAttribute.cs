namespace Streams.Configuration.Internal;

/// <summary>Overrides the YAML name of a property or enum member where snake_case of the C# name reads wrong
/// (<c>TensorRT</c> is <c>tensorrt</c>, not <c>tensor_rt</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
internal sealed class ConfigNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
