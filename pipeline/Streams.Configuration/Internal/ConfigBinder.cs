using Streams.Analytics;
using Streams.Options;
using System.Collections.Concurrent;
using System.Globalization;

namespace Streams.Configuration.Internal;

/// <summary>
/// Builds options records from a <see cref="ConfigNode"/> tree by reflection (config loads once, so speed is moot).
/// Every problem is added to the error list and binding goes on, so one pass finds them all; a property that fails
/// keeps its initializer and is marked failed in <see cref="ConfigSites"/>.
/// </summary>
internal sealed class ConfigBinder(ErrorList errors, ConfigSites sites, string baseDirectory)
{
    /// <summary>Returned when nothing is to be assigned: the property keeps its initializer.</summary>
    private static readonly object s_keep = new();

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, object>> s_enumValues = new();

    public T Bind<T>(MappingNode? root) where T : class, new() =>
        root is null ? new T() : (T)BindObject(root, typeof(T), "", skipKey: null);

    private object BindObject(MappingNode map, Type type, string path, string? skipKey)
    {
        var info = ConfigTypeInfo.Get(type);
        object target = Activator.CreateInstance(type)!;
        var site = sites.Add(target, path, map);
        foreach (var (key, value) in map.Entries)
        {
            if (string.Equals(key.Value, skipKey, StringComparison.Ordinal))
            {
                continue;
            }

            string childPath = KeyPaths.Child(path, key.Value);
            if (!info.TryGetByKey(key.Value, out var property))
            {
                var known = info.Properties.Select(static p => p.Key);
                if (skipKey is not null)
                {
                    known = known.Prepend(skipKey);
                }

                string? suggestion = ConfigNaming.Suggest(key.Value, known);
                errors.Add(key, childPath, suggestion is not null
                    ? $"unknown key '{key.Value}' (did you mean '{suggestion}'?)"
                    : $"unknown key '{key.Value}'; expected one of: {string.Join(", ", known)}");
                continue;
            }

            site.Properties[property.Info.Name] = new PropertySite(key, value, childPath);
            bool failed = false;
            object? result = BindValue(value, property.Type, childPath, property.AllowsNull, ref failed);
            if (property.Path is not null && result is string text && !failed)
            {
                result = ResolvePath(text, property.Path, value, childPath, ref failed);
            }
            else if (property.Path is not null && result is string[] texts && value is SequenceNode paths && !failed)
            {
                // A list of paths: each item resolves like a single path, and fails at its own position.
                for (int i = 0; i < texts.Length && !failed; i++)
                {
                    if (ResolvePath(texts[i], property.Path, paths.Items[i], KeyPaths.Item(childPath, i), ref failed) is string resolved)
                    {
                        texts[i] = resolved;
                    }
                }

                result = failed ? s_keep : texts;
            }

            if (result != s_keep)
            {
                property.Info.SetValue(target, result);
            }

            if (failed)
            {
                site.Failed.Add(property.Info.Name);
            }
        }

        foreach (var property in info.Properties)
        {
            if (property.IsRequired && !site.Properties.ContainsKey(property.Info.Name))
            {
                errors.Add(map, KeyPaths.Child(path, property.Key), $"required key '{property.Key}' is missing");
                site.Failed.Add(property.Info.Name);
            }
        }

        return target;
    }

    private object? BindValue(ConfigNode node, Type type, string path, bool allowNull, ref bool failed)
    {
        if (node is ScalarNode { SubstitutionFailed: true })
        {
            failed = true;
            return s_keep;
        }

        var listElement = ListElementType(type);
        if (node is ScalarNode { IsNull: true })
        {
            if (allowNull)
            {
                return null;
            }

            if (listElement is not null)
            {
                return Array.CreateInstance(listElement, 0);
            }

            if (type == typeof(IReadOnlyDictionary<string, string>))
            {
                return new Dictionary<string, string>(StringComparer.Ordinal);
            }

            if (ConfigTypeInfo.IsOptionsType(type) && !type.IsAbstract)
            {
                return s_keep;
            }

            return Fail(node, path, "a value is required", ref failed);
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (listElement is not null)
        {
            return BindList(node, listElement, path, ref failed);
        }

        if (type == typeof(IReadOnlyDictionary<string, string>))
        {
            return BindDictionary(node, path, ref failed);
        }

        if (type == typeof(Point2D))
        {
            return BindPoint(node, path, ref failed);
        }

        if (ConfigTypeInfo.IsOptionsType(type))
        {
            if (node is not MappingNode map)
            {
                return Fail(node, path, $"expected a mapping, got {node.Describe()}", ref failed);
            }

            return type.IsAbstract ? BindPolymorphic(map, type, path, ref failed) : BindObject(map, type, path, skipKey: null);
        }

        if (node is not ScalarNode scalar)
        {
            return Fail(node, path, $"expected {Expectation(type)}, got {node.Describe()}", ref failed);
        }

        return TryConvert(scalar, type, out object? converted, out string? problem)
            ? converted
            : Fail(scalar, path, problem!, ref failed);
    }

    private object BindPolymorphic(MappingNode map, Type type, string path, ref bool failed)
    {
        var info = ConfigTypeInfo.Get(type);
        string key = info.DiscriminatorKey
            ?? throw new InvalidOperationException($"{type.Name} is abstract but has no [ConfigDiscriminator].");
        string known = string.Join(", ", info.Subtypes.Keys);
        var node = map.Find(key);
        if (node is null)
        {
            return Fail(map, KeyPaths.Child(path, key), $"required key '{key}' is missing; expected one of: {known}", ref failed);
        }

        string keyPath = KeyPaths.Child(path, key);
        if (node is not ScalarNode { IsNull: false } scalar)
        {
            return node is ScalarNode { SubstitutionFailed: true }
                ? Fail(ref failed)
                : Fail(node, keyPath, $"expected one of: {known}, got {node.Describe()}", ref failed);
        }

        if (!info.Subtypes.TryGetValue(scalar.Value, out var subtype))
        {
            return Fail(scalar, keyPath,
                $"unknown {key} {scalar.Quoted}; expected one of: {known}{ConfigNaming.DidYouMean(scalar.Value, info.Subtypes.Keys)}", ref failed);
        }

        return BindObject(map, subtype, path, skipKey: key);
    }

    private object BindList(ConfigNode node, Type elementType, string path, ref bool failed)
    {
        if (node is not SequenceNode sequence)
        {
            return Fail(node, path, $"expected a list, got {node.Describe()}", ref failed);
        }

        var items = new List<object?>(sequence.Items.Count);
        for (int i = 0; i < sequence.Items.Count; i++)
        {
            bool itemFailed = false;
            object? item = BindValue(sequence.Items[i], elementType, KeyPaths.Item(path, i), allowNull: false, ref itemFailed);
            if (item != s_keep)
            {
                items.Add(item);
            }

            failed |= itemFailed;
        }

        // Items that failed are left out; the property is marked failed, so no rule judges the shortened list.
        var array = Array.CreateInstance(elementType, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }

        return array;
    }

    private object BindDictionary(ConfigNode node, string path, ref bool failed)
    {
        if (node is not MappingNode map)
        {
            return Fail(node, path, $"expected a mapping, got {node.Describe()}", ref failed);
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            string childPath = KeyPaths.Child(path, key.Value);
            if (value is ScalarNode { SubstitutionFailed: true })
            {
                failed = true;
            }
            else if (value is not ScalarNode scalar)
            {
                Fail(value, childPath, $"expected a string, got {value.Describe()}", ref failed);
            }
            else if (scalar.IsNull)
            {
                Fail(value, childPath, "a value is required", ref failed);
            }
            else
            {
                result[key.Value] = scalar.Value;
            }
        }

        return result;
    }

    private object BindPoint(ConfigNode node, string path, ref bool failed)
    {
        if (node is not SequenceNode { Items.Count: 2 } sequence)
        {
            string got = node is SequenceNode other
                ? string.Create(CultureInfo.InvariantCulture, $"a list of {other.Items.Count} values")
                : node.Describe();
            return Fail(node, path, $"expected a point [x, y], got {got}", ref failed);
        }

        var coordinates = new double[2];
        bool pointFailed = false;
        for (int i = 0; i < 2; i++)
        {
            object? value = BindValue(sequence.Items[i], typeof(double), KeyPaths.Item(path, i), allowNull: false, ref pointFailed);
            if (value is double d)
            {
                coordinates[i] = d;
            }
        }

        failed |= pointFailed;
        return pointFailed ? s_keep : new Point2D((float)coordinates[0], (float)coordinates[1]);
    }

    private object ResolvePath(string text, ConfigPathAttribute options, ConfigNode node, string path, ref bool failed)
    {
        if (text.Length == 0)
        {
            return Fail(node, path, "a path is required", ref failed);
        }

        if (options.AllowUri && text.Contains("://", StringComparison.Ordinal))
        {
            if (!text.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            {
                return text;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return Fail(node, path, "not a valid file:// URI", ref failed);
            }

            return uri.LocalPath;
        }

        try
        {
            return Path.GetFullPath(text, baseDirectory);
        }
        catch (ArgumentException)
        {
            return Fail(node, path, "not a valid path", ref failed);
        }
    }

    private static bool TryConvert(ScalarNode scalar, Type type, out object? value, out string? problem)
    {
        string text = scalar.Value;
        var invariant = CultureInfo.InvariantCulture;
        value = null;
        problem = null;
        if (type == typeof(string))
        {
            value = text;
        }
        else if (type == typeof(bool))
        {
            if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
            {
                value = true;
            }
            else if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
            {
                value = false;
            }
        }
        else if (type == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out int i))
            {
                value = i;
            }
        }
        else if (type == typeof(long))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out long l))
            {
                value = l;
            }
        }
        else if (type == typeof(double))
        {
            if (double.TryParse(text, NumberStyles.Float, invariant, out double d) && double.IsFinite(d))
            {
                value = d;
            }
        }
        else if (type == typeof(TimeSpan))
        {
            if (DurationFormat.TryParse(text, out var duration))
            {
                value = duration;
            }
            else
            {
                problem = $"invalid duration {scalar.Quoted}; {DurationFormat.Hint}";
            }
        }
        else if (type.IsEnum)
        {
            var values = EnumValues(type);
            if (values.TryGetValue(text, out object? member))
            {
                value = member;
            }
            else
            {
                problem = $"invalid value {scalar.Quoted}; expected one of: {string.Join(", ", values.Keys)}"
                    + ConfigNaming.DidYouMean(text, values.Keys);
            }
        }
        else
        {
            throw new InvalidOperationException($"Options of type {type} are not supported by the configuration binder.");
        }

        if (value is null && problem is null)
        {
            problem = $"expected {Expectation(type)}, got {scalar.Describe()}";
        }

        return value is not null;
    }

    /// <summary>YAML names of an enum's members, in declaration order, looked up ignoring case.</summary>
    private static IReadOnlyDictionary<string, object> EnumValues(Type type) =>
        s_enumValues.GetOrAdd(type, static t =>
        {
            var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            {
                values.Add(ConfigNaming.NameOf(field), field.GetValue(null)!);
            }

            return values;
        });

    /// <summary>The YAML name of an enum value, as written in a pipeline file.</summary>
    public static string NameOf(Enum value)
    {
        foreach (var (name, member) in EnumValues(value.GetType()))
        {
            if (member.Equals(value))
            {
                return name;
            }
        }

        return value.ToString();
    }

    private static string Expectation(Type type) =>
        type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "an integer"
        : type == typeof(double) ? "a number"
        : type == typeof(TimeSpan) ? "a duration"
        : type.IsEnum ? "one of: " + string.Join(", ", EnumValues(type).Keys)
        : "a string";

    private static Type? ListElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    private object Fail(ConfigNode node, string path, string message, ref bool failed)
    {
        errors.Add(node, path, message);
        return Fail(ref failed);
    }

    private static object Fail(ref bool failed)
    {
        failed = true;
        return s_keep;
    }
}
