namespace Streams.Configuration;

/// <summary>The least severe log level written (<c>logging.level</c>).</summary>
public enum LogLevelOption
{
    /// <summary>Everything, including per-frame tracing.</summary>
    Verbose,

    /// <summary>Diagnostic detail for developers.</summary>
    Debug,

    /// <summary>Lifecycle, progress and metrics (the default).</summary>
    Information,

    /// <summary>Recoverable problems only: reconnects, drops, slow stages.</summary>
    Warning,

    /// <summary>Failures only.</summary>
    Error,
}
