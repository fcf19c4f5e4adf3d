using Streams.Options;
namespace Streams.Configuration.Internal;

/// <summary>Walks the bound options graph and runs each <see cref="IValidatableOptions"/>'s rules, parents before children.</summary>
internal static class ConfigValidator
{
    public static void Validate(object root, ConfigSites sites, ErrorList errors) =>
        Visit(root, "", null, sites, errors);

    private static void Visit(object target, string path, ConfigNode? node, ConfigSites sites, ErrorList errors)
    {
        // Objects bound from YAML know their own path and node; those from initializers inherit their parent's.
        var site = sites.Find(target);
        path = site?.Path ?? path;
        node = site?.Node ?? node;
        if (target is IValidatableOptions validatable)
        {
            validatable.Validate(new ValidationContext(sites, errors, target, path, node));
        }

        foreach (var property in ConfigTypeInfo.Get(target.GetType()).Properties)
        {
            object? value = property.Info.GetValue(target);
            string childPath = KeyPaths.Child(path, property.Key);
            var childNode = site?.Properties.GetValueOrDefault(property.Info.Name)?.Value ?? node;
            if (value is null)
            {
                continue;
            }

            if (ConfigTypeInfo.IsOptionsType(value.GetType()))
            {
                Visit(value, childPath, childNode, sites, errors);
            }
            else if (value is System.Collections.IEnumerable items and not string && property.Type.IsGenericType
                && ConfigTypeInfo.IsOptionsType(property.Type.GetGenericArguments()[0]))
            {
                int index = 0;
                foreach (object? item in items)
                {
                    if (item is not null)
                    {
                        Visit(item, KeyPaths.Item(childPath, index), childNode, sites, errors);
                    }

                    index++;
                }
            }
        }
    }
}
