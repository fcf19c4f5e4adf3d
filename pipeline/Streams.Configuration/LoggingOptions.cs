using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>The <c>logging:</c> section.</summary>
public sealed record LoggingOptions
{
    /// <summary>The defaults.</summary>
    public static LoggingOptions Default { get; } = new();

    /// <summary><c>level</c>: the least severe level written. Default <c>information</c>.</summary>
    public LogLevelOption Level { get; init; } = LogLevelOption.Information;

    /// <summary><c>format</c>: <c>text</c> for people, <c>json</c> for collectors. Default <c>text</c>.</summary>
    public LogFormat Format { get; init; } = LogFormat.Text;

    /// <summary>
    /// <c>file</c>: also write logs to this file, resolved against the pipeline file's directory (stored absolute);
    /// its directory is created when logging starts. Default null: console only.
    /// </summary>
    [ConfigPath]
    public string? File { get; init; }
}
