using System.Globalization;

namespace Streams.Configuration.Internal;

/// <summary>
/// Collects the errors of one load, so all of them are reported at once: every error is counted, and the first
/// <see cref="ConfigLimits.MaxReportedErrors"/> in reading order are kept. A file of half a million wrong items then
/// costs a count, not half a million messages held in memory until the end.
/// </summary>
internal sealed class ErrorList(string displayPath)
{
    /// <summary>The errors kept, the last in reading order on top, so that an earlier one can replace it.</summary>
    private readonly PriorityQueue<ConfigError, (int File, int Line, int Column, long Found)> _kept =
        new(Comparer<(int, int, int, long)>.Create(static (a, b) => b.CompareTo(a)));

    private long _found;

    /// <summary>The user's file as it is shown in messages.</summary>
    public string DisplayPath { get; } = displayPath;

    /// <summary>Every error added, kept or not.</summary>
    public int Count { get; private set; }

    public void Add(ConfigNode? node, string keyPath, string message)
    {
        if (node is null)
        {
            Add(new ConfigError(DisplayPath, 0, 0, keyPath, message));
        }
        else
        {
            Add(new ConfigError(node.File, node.Line, node.Column, keyPath, message));
        }
    }

    public void Add(ConfigError error)
    {
        Count++;
        // Reading order: the user's file first, then by line and column; ties keep the order found.
        var order = (string.Equals(error.File, DisplayPath, StringComparison.Ordinal) ? 0 : 1, error.Line, error.Column, _found++);
        if (_kept.Count < ConfigLimits.MaxReportedErrors)
        {
            _kept.Enqueue(error, order);
        }
        else if (_kept.TryPeek(out _, out var last) && order.CompareTo(last) < 0)
        {
            _kept.DequeueEnqueue(error, order);
        }
    }

    /// <summary>
    /// The errors kept, in reading order. Past <see cref="ConfigLimits.MaxReportedErrors"/>, one last error says how
    /// many more there are: a file of a hundred thousand unknown keys is fixed one pattern at a time, and printing them
    /// all only buries the first.
    /// </summary>
    public ConfigurationException ToException()
    {
        var listed = new List<ConfigError>(_kept.Count + 1);
        var ordered = new List<(ConfigError Error, (int, int, int, long) Order)>(_kept.UnorderedItems);
        ordered.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        foreach (var (error, _) in ordered)
        {
            listed.Add(error);
        }

        int more = Count - listed.Count;
        if (more > 0)
        {
            listed.Add(new ConfigError(DisplayPath, 0, 0, "", string.Create(CultureInfo.InvariantCulture,
                $"... and {more} more error{(more == 1 ? "" : "s")} (only the first {ConfigLimits.MaxReportedErrors} are listed)")));
        }

        return new(listed, Count);
    }
}
