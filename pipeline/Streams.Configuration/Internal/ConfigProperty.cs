using Streams.Options;
using System.Reflection;

namespace Streams.Configuration.Internal;

/// <summary>One bindable property: its YAML key, whether it must be present, whether null is a valid value.</summary>
internal sealed record ConfigProperty(PropertyInfo Info, string Key, bool IsRequired, bool AllowsNull, ConfigPathAttribute? Path)
{
    public Type Type => Info.PropertyType;
}
