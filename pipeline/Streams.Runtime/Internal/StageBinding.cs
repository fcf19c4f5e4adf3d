using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>Keeps a stage's item types until <see cref="Bind"/> knows its input edge.</summary>
internal sealed class StageBinding<TIn, TOut>(Stage<TIn, TOut> stage) : IStageBinding
    where TIn : class, IPipelineItem
    where TOut : class, IPipelineItem
{
    public string Name => stage.Name;

    public (IStageRunner Runner, IEdge? Output) Bind(IEdge input, bool last, int queueCapacity, PipelineMetrics metrics,
        ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger("Streams.Stage." + stage.Name);
        Edge<TOut>? output = last
            ? null
            : new Edge<TOut>(stage.Name + ".out", new EdgeOptions { Capacity = queueCapacity, SingleWriter = true }, metrics, logger);
        var runner = new StageRunner<TIn, TOut>(stage, (Edge<TIn>)input, output, metrics, logger);
        return (runner, output);
    }
}
