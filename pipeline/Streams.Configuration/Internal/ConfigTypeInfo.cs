using Streams.Options;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Streams.Configuration.Internal;

/// <summary>What the binder knows about one options type: its settable properties by YAML key, and for a
/// polymorphic base, its discriminator key and subtypes. Built once per type.</summary>
internal sealed class ConfigTypeInfo
{
    private static readonly ConcurrentDictionary<Type, ConfigTypeInfo> s_cache = new();

    private readonly Dictionary<string, ConfigProperty> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigProperty> _byName = new(StringComparer.Ordinal);

    private ConfigTypeInfo(Type type)
    {
        var nullability = new NullabilityInfoContext();
        var properties = new List<ConfigProperty>();
        foreach (var info in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (info.SetMethod is not { IsPublic: true } || info.IsDefined(typeof(Streams.Options.ConfigIgnoreAttribute), inherit: true))
            {
                continue;
            }

            var property = new ConfigProperty(
                info,
                ConfigNaming.NameOf(info),
                info.IsDefined(typeof(RequiredMemberAttribute), inherit: true),
                Nullable.GetUnderlyingType(info.PropertyType) is not null
                    || nullability.Create(info).WriteState == NullabilityState.Nullable,
                info.GetCustomAttribute<ConfigPathAttribute>());
            properties.Add(property);
            _byKey.Add(property.Key, property);
            _byName.Add(info.Name, property);
        }

        Properties = properties;

        if (type.GetCustomAttribute<ConfigDiscriminatorAttribute>() is { } discriminator)
        {
            DiscriminatorKey = discriminator.Key;
            Subtypes = type.Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(type) && !t.IsAbstract)
                .Select(t => (Type: t, Attribute: t.GetCustomAttribute<ConfigSubtypeAttribute>()))
                .Where(static s => s.Attribute is not null)
                .OrderBy(static s => s.Attribute!.Name, StringComparer.Ordinal)
                .ToDictionary(static s => s.Attribute!.Name, static s => s.Type, StringComparer.OrdinalIgnoreCase);
        }
    }

    public IReadOnlyList<ConfigProperty> Properties { get; }

    /// <summary>The key naming the subtype, for a polymorphic base type; null otherwise.</summary>
    public string? DiscriminatorKey { get; }

    /// <summary>Subtypes by discriminator value (case-insensitive), for a polymorphic base type.</summary>
    public IReadOnlyDictionary<string, Type> Subtypes { get; } = new Dictionary<string, Type>();

    public static ConfigTypeInfo Get(Type type) => s_cache.GetOrAdd(type, static t => new ConfigTypeInfo(t));

    public bool TryGetByKey(string key, out ConfigProperty property) => _byKey.TryGetValue(key, out property!);

    public ConfigProperty GetByName(string propertyName) => _byName[propertyName];

    /// <summary>A class the binder builds from a mapping: one of this assembly's options records.</summary>
    /// <summary>A record the binder fills key by key: this project's, or an operator's that follows the options contract.</summary>
    public static bool IsOptionsType(Type type) =>
        type.IsClass && !type.IsArray && type != typeof(string)
        && (type.Assembly == typeof(ConfigTypeInfo).Assembly || typeof(Streams.Options.IValidatableOptions).IsAssignableFrom(type));
}
