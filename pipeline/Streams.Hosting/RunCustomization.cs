using Streams.Configuration;

namespace Streams.Hosting;

/// <summary>
/// How a caller customizes one <see cref="StreamsHost.RunAsync"/> beyond the pipeline file: command-line choices that
/// win over the file (log level and format, a run length) and code it plugs in (source families, observers, a
/// companion task).
/// </summary>
public sealed record RunCustomization
{
    /// <summary>Log level instead of <c>logging.level</c>; null keeps the file's.</summary>
    public LogLevelOption? LogLevel { get; init; }

    /// <summary>Log format instead of <c>logging.format</c>; null keeps the file's.</summary>
    public LogFormat? LogFormat { get; init; }

    /// <summary>Stop gracefully after this long; null runs until the sources end or a signal.</summary>
    public TimeSpan? StopAfter { get; init; }

    /// <summary>Source families to use instead of <see cref="StreamsHost.DefaultSources"/>'s (tests, embedders).</summary>
    public IReadOnlyList<ISourceFactory>? Sources { get; init; }

    /// <summary>Observers attached to the composed pipeline (a demo's summary, a track writer). Default null.</summary>
    public CompositionHooks? Hooks { get; init; }

    /// <summary>
    /// Runs beside the pipeline once it has started (a demo's event tail). When the pipeline has finished, the sinks
    /// are flushed and the companion gets a moment to finish by itself before its token is canceled. Default null.
    /// </summary>
    public Func<ComposedPipeline, CancellationToken, Task>? Companion { get; init; }
}
