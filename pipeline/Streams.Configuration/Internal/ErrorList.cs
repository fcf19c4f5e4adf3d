namespace Streams.Configuration.Internal;

/// <summary>Collects every error of one load, so all of them are reported at once.</summary>
internal sealed class ErrorList(string displayPath)
{
    private readonly List<ConfigError> _errors = [];

    /// <summary>The user's file as it is shown in messages.</summary>
    public string DisplayPath { get; } = displayPath;

    public int Count => _errors.Count;

    public void Add(ConfigNode? node, string keyPath, string message)
    {
        if (node is null)
        {
            _errors.Add(new ConfigError(DisplayPath, 0, 0, keyPath, message));
        }
        else
        {
            _errors.Add(new ConfigError(node.File, node.Line, node.Column, keyPath, message));
        }
    }

    public void Add(ConfigError error) => _errors.Add(error);

    /// <summary>The errors in reading order: the user's file first, then by line and column; ties keep the order found.</summary>
    public ConfigurationException ToException() =>
        new([.. _errors
            .OrderBy(e => string.Equals(e.File, DisplayPath, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(static e => e.Line)
            .ThenBy(static e => e.Column)]);
}
