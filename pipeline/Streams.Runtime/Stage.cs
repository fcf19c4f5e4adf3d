namespace Streams.Runtime;

/// <summary>
/// One step of the pipeline: takes items from its input edge one at a time and writes results to its output.
/// The runtime runs it on its own task, so a stage needs no locking for its own state.
/// </summary>
/// <remarks>
/// <para>Ownership: <see cref="ProcessAsync"/> receives ownership of <c>item</c> and must hand it on with
/// <see cref="StageOutput{T}.WriteAsync"/> or release it, on every path, exceptions included; an item whose
/// processing threw is counted as dropped.
/// <see cref="TransformStage{T}"/> does this for stages that modify items in place.</para>
/// <para>Faults: an exception from <see cref="ProcessAsync"/> fails the item's stream only (its source stops, its
/// remaining items are discarded); the stage goes on with other streams. A <see cref="PipelineFaultException"/>, or
/// any exception from <see cref="CompleteAsync"/>, fails the pipeline.</para>
/// </remarks>
/// <typeparam name="TIn">Items taken.</typeparam>
/// <typeparam name="TOut">Items produced.</typeparam>
public abstract class Stage<TIn, TOut>
    where TIn : class, IPipelineItem
    where TOut : class, IPipelineItem
{
    /// <summary>Creates a stage called <paramref name="name"/> in logs and metrics.</summary>
    protected Stage(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The stage's name in logs and metric tags.</summary>
    public string Name { get; }

    /// <summary>
    /// Handles one item, end-of-stream markers included (they must be passed on so that later stages see them).
    /// </summary>
    /// <param name="item">The item; owned by the stage from now on.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="cancellationToken">Canceled by a hard stop only; a graceful stop lets the stage finish.</param>
    public abstract ValueTask ProcessAsync(TIn item, StageOutput<TOut> output, CancellationToken cancellationToken);

    /// <summary>
    /// Called once after the input completed and before the output completes: flush what is held back
    /// (a partial batch, buffered events). The default does nothing.
    /// </summary>
    public virtual ValueTask CompleteAsync(StageOutput<TOut> output, CancellationToken cancellationToken) => default;
}
