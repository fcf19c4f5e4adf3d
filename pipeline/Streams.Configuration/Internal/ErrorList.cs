using System.Globalization;

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

    /// <summary>
    /// The errors in reading order: the user's file first, then by line and column; ties keep the order found. Past
    /// <see cref="ConfigLimits.MaxReportedErrors"/>, one last error says how many more there are: a file of a hundred
    /// thousand unknown keys is fixed one pattern at a time, and printing them all only buries the first.
    /// </summary>
    public ConfigurationException ToException()
    {
        var ordered = _errors
            .OrderBy(e => string.Equals(e.File, DisplayPath, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(static e => e.Line)
            .ThenBy(static e => e.Column);
        if (_errors.Count <= ConfigLimits.MaxReportedErrors)
        {
            return new([.. ordered]);
        }

        int more = _errors.Count - ConfigLimits.MaxReportedErrors;
        List<ConfigError> listed = [.. ordered.Take(ConfigLimits.MaxReportedErrors)];
        listed.Add(new ConfigError(DisplayPath, 0, 0, "", string.Create(CultureInfo.InvariantCulture,
            $"... and {more} more error{(more == 1 ? "" : "s")} (only the first {ConfigLimits.MaxReportedErrors} are listed)")));
        return new(listed, _errors.Count);
    }
}
