using System.Globalization;

namespace Streams.Configuration.Internal;

/// <summary>
/// What one options object's <see cref="IValidatable.Validate"/> reports into: errors against its own properties (or,
/// for cross-object rules, another object's), placed at the property's value in the YAML, or at the object when the
/// property came from an initializer. Errors against a property that failed to bind are dropped: it was reported once.
/// </summary>
internal sealed class ValidationContext
{
    private readonly ConfigSites _sites;
    private readonly ErrorList _errors;
    private readonly object _target;
    private readonly string _path;
    private readonly ConfigNode? _node;

    public ValidationContext(ConfigSites sites, ErrorList errors, object target, string path, ConfigNode? node)
    {
        _sites = sites;
        _errors = errors;
        _target = target;
        _path = path;
        _node = node;
    }

    /// <summary>An error against a property of the object being validated.</summary>
    public void Error(string property, string message) => Error(_target, property, message);

    /// <summary>An error against a property of another bound object, for rules that span objects.</summary>
    public void Error(object target, string property, string message)
    {
        var site = _sites.Find(target);
        if (site is not null && site.Failed.Contains(property))
        {
            return;
        }

        if (site is not null && site.Properties.TryGetValue(property, out var bound))
        {
            _errors.Add(bound.Value, bound.Path, message);
            return;
        }

        string key = ConfigTypeInfo.Get(target.GetType()).GetByName(property).Key;
        _errors.Add(site?.Node ?? _node, KeyPaths.Child(site?.Path ?? _path, key), message);
    }

    /// <summary>An error against item <paramref name="index"/> of a list property.</summary>
    public void ItemError(string property, int index, string message)
    {
        var site = _sites.Find(_target);
        if (site is not null && site.Failed.Contains(property))
        {
            return;
        }

        if (site is not null && site.Properties.TryGetValue(property, out var bound)
            && bound.Value is SequenceNode sequence && index < sequence.Items.Count)
        {
            _errors.Add(sequence.Items[index], KeyPaths.Item(bound.Path, index), message);
            return;
        }

        Error(property, message);
    }

    /// <summary>Whether the property failed to bind; rules comparing it with another property check this.</summary>
    public bool IsFailed(string property) => _sites.Find(_target)?.Failed.Contains(property) == true;

    /// <summary>The line the property's value is on, when it came from YAML.</summary>
    public int? LineOf(object target, string property) =>
        _sites.Find(target)?.Properties.GetValueOrDefault(property)?.Value.Line;

    /// <summary>
    /// <paramref name="text"/> in quotes, or which variables the value came from when it was substituted: messages
    /// must never echo a substituted value.
    /// </summary>
    public string Quote(object target, string property, string text) =>
        VariablesOf(_sites.Find(target)?.Properties.GetValueOrDefault(property)?.Value) is { Count: > 0 } variables
            ? ScalarNode.VariablePhrase(variables)
            : ScalarNode.Quote(text);

    public string Quote(string property, string text) => Quote(_target, property, text);

    /// <summary>Like <see cref="Quote(string, string)"/> without the quotes, for numbers and durations.</summary>
    public string Show(string property, object value) => Show(_target, property, value);

    /// <summary>Like <see cref="Quote(object, string, string)"/> without the quotes.</summary>
    public string Show(object target, string property, object value) =>
        VariablesOf(_sites.Find(target)?.Properties.GetValueOrDefault(property)?.Value) is { Count: > 0 } variables
            ? ScalarNode.VariablePhrase(variables)
            : Format(value);

    /// <summary>Whether the property's value came through variable substitution, and so must not be shown.</summary>
    public bool IsSubstituted(object target, string property) =>
        VariablesOf(_sites.Find(target)?.Properties.GetValueOrDefault(property)?.Value) is { Count: > 0 };

    /// <summary>Like <see cref="Show"/> for an item of a list property.</summary>
    public string ShowItem(string property, int index, string text)
    {
        var node = _sites.Find(_target)?.Properties.GetValueOrDefault(property)?.Value;
        if (node is SequenceNode sequence && index < sequence.Items.Count)
        {
            var variables = new List<string>();
            Collect(sequence.Items[index], variables);
            if (variables.Count > 0)
            {
                return ScalarNode.VariablePhrase(variables);
            }
        }

        return text;
    }

    public void InRange<T>(string property, T value, T min, T max) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            Error(property, $"must be between {Format(min)} and {Format(max)}, got {Show(property, value)}");
        }
    }

    public void AtLeast<T>(string property, T value, T min) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0)
        {
            Error(property, $"must be at least {Format(min)}, got {Show(property, value)}");
        }
    }

    public void Positive<T>(string property, T value) where T : IComparable<T>
    {
        if (value.CompareTo(default!) <= 0)
        {
            Error(property, $"must be greater than {Format(default(T)!)}, got {Show(property, value)}");
        }
    }

    public void NotEmpty(string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(property, "must not be empty");
        }
    }

    public static string Format(object value) => value switch
    {
        TimeSpan duration => DurationFormat.Format(duration),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static List<string>? VariablesOf(ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var variables = new List<string>();
        Collect(node, variables);
        return variables;
    }

    private static void Collect(ConfigNode node, List<string> variables)
    {
        switch (node)
        {
            case ScalarNode scalar:
                variables.AddRange(scalar.Variables);
                break;
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                {
                    Collect(item, variables);
                }

                break;
            case MappingNode map:
                foreach (var entry in map.Entries)
                {
                    Collect(entry.Value, variables);
                }

                break;
        }
    }
}
