using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>Keeps a batching stage until <see cref="Bind"/> knows its input edge.</summary>
internal sealed class BatchStageBinding<T>(BatchStage<T> stage) : IStageBinding
    where T : class, IPipelineItem
{
    public string Name => stage.Name;

    public (IStageRunner Runner, IEdge? Output) Bind(IEdge input, bool last, int queueCapacity, PipelineMetrics metrics,
        ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger("Streams.Stage." + stage.Name);

        // A batch leaves at once, so the next edge holds at least one whole batch.
        Edge<T>? output = last
            ? null
            : new Edge<T>(stage.Name + ".out", new EdgeOptions { Capacity = Math.Max(queueCapacity, stage.MaxBatch), SingleWriter = true },
                metrics, logger);
        return (new BatchStageRunner<T>(stage, (Edge<T>)input, output, metrics, logger), output);
    }
}
