using Streams.Options;

namespace Streams.Configuration.Internal;

/// <summary>
/// The validation of a bound pipeline file: errors against a record's own properties (or, for cross-record rules,
/// another record's), placed at the property's value in the YAML, or at the record when the property came from an
/// initializer. Errors against a property that failed to bind are dropped: it was reported once. A value that came
/// through variable substitution is never shown, only the variables it came from.
/// </summary>
internal sealed class ValidationContext : OptionsValidation
{
    private readonly ConfigSites _sites;
    private readonly ErrorList _errors;
    private readonly string _path;
    private readonly ConfigNode? _node;

    public ValidationContext(ConfigSites sites, ErrorList errors, object target, string path, ConfigNode? node)
        : base(target)
    {
        _sites = sites;
        _errors = errors;
        _path = path;
        _node = node;
    }

    /// <inheritdoc />
    public override void Error(object target, string property, string message)
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

    /// <inheritdoc />
    public override void ItemError(string property, int index, string message)
    {
        var site = _sites.Find(Target);
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

    /// <inheritdoc />
    public override bool IsFailed(string property) => _sites.Find(Target)?.Failed.Contains(property) == true;

    /// <inheritdoc />
    public override int? LineOf(object target, string property) =>
        _sites.Find(target)?.Properties.GetValueOrDefault(property)?.Value.Line;

    /// <inheritdoc />
    public override string Quote(object target, string property, string text) =>
        VariablesOf(_sites.Find(target)?.Properties.GetValueOrDefault(property)?.Value) is { Count: > 0 } variables
            ? ScalarNode.VariablePhrase(variables)
            : ScalarNode.Quote(text);

    /// <inheritdoc />
    public override string Show(object target, string property, object value) =>
        VariablesOf(_sites.Find(target)?.Properties.GetValueOrDefault(property)?.Value) is { Count: > 0 } variables
            ? ScalarNode.VariablePhrase(variables)
            : Format(value);

    /// <inheritdoc />
    public override bool IsSubstituted(object target, string property) =>
        VariablesOf(_sites.Find(target)?.Properties.GetValueOrDefault(property)?.Value) is { Count: > 0 };

    /// <inheritdoc />
    public override string ShowItem(string property, int index, string text)
    {
        var node = _sites.Find(Target)?.Properties.GetValueOrDefault(property)?.Value;
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

    /// <inheritdoc />
    protected override string FormatDuration(TimeSpan duration) => DurationFormat.Format(duration);

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
