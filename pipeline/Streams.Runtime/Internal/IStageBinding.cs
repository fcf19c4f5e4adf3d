namespace Streams.Runtime;

/// <summary>A stage waiting to be joined to its input edge when the pipeline is built.</summary>
internal interface IStageBinding
{
    string Name { get; }

    /// <summary>Binds the stage to <paramref name="input"/> (an <see cref="Edge{T}"/> of its input type).</summary>
    /// <returns>The runner, and its output edge, or null for the last stage.</returns>
    (IStageRunner Runner, IEdge? Output) Bind(IEdge input, bool last, int queueCapacity, PipelineMetrics metrics,
        Microsoft.Extensions.Logging.ILoggerFactory loggers);
}
