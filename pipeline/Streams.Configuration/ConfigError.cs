using System.Globalization;

namespace Streams.Configuration;

/// <summary>One problem found while loading a pipeline file.</summary>
/// <param name="File">The file the problem is in, as the caller named it (or <c>defaults.yaml</c> for shipped defaults).</param>
/// <param name="Line">1-based line, or 0 when the problem concerns the whole file (for example, it does not exist).</param>
/// <param name="Column">1-based column, or 0 with <paramref name="Line"/>.</param>
/// <param name="KeyPath">Where in the document, like <c>sources[1].queue_capacity</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong and, where it helps, how to fix it. Never contains a substituted variable's value.</param>
public sealed record ConfigError(string File, int Line, int Column, string KeyPath, string Message)
{
    /// <summary><c>file:line:col: key: message</c>, leaving out the position or the key when there is none.</summary>
    public override string ToString()
    {
        string position = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}") : File;
        return KeyPath.Length > 0 ? $"{position}: {KeyPath}: {Message}" : $"{position}: {Message}";
    }
}
