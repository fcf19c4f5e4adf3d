namespace Streams.Runtime;

/// <summary>
/// A stage that works on batches across streams, as DeepStream's nvstreammux and nvinfer do: a batch closes when it
/// holds <see cref="MaxBatch"/> items or <see cref="MaxWait"/> has passed since its first item arrived.
/// </summary>
/// <remarks>
/// <para>Items are batched in arrival order and must be written out in batch order, so the frames of one stream are
/// never reordered. End-of-stream markers close the batch in progress and are passed on by the runtime after it.</para>
/// <para>Ownership: <see cref="ProcessBatchAsync"/> owns every item of the batch and must hand each on or release it,
/// exceptions included. An exception other than <see cref="PipelineFaultException"/> fails the streams of the batch
/// and counts its items as dropped.</para>
/// </remarks>
/// <typeparam name="T">The items carried.</typeparam>
public abstract class BatchStage<T>
    where T : class, IPipelineItem
{
    /// <summary>Creates a batching stage.</summary>
    /// <param name="name">The stage's name in logs and metrics.</param>
    /// <param name="maxBatch">Most items per batch (1..4096).</param>
    /// <param name="maxWait">Longest a partial batch waits for more items; zero takes what is queued.</param>
    protected BatchStage(string name, int maxBatch, TimeSpan maxWait)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBatch, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        Name = name;
        MaxBatch = maxBatch;
        MaxWait = maxWait;
    }

    /// <summary>The stage's name in logs and metric tags.</summary>
    public string Name { get; }

    /// <summary>Most items per batch.</summary>
    public int MaxBatch { get; }

    /// <summary>Longest a partial batch waits for more items.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>Handles one batch. The list is reused after the call returns: do not keep it.</summary>
    public abstract ValueTask ProcessBatchAsync(IReadOnlyList<T> batch, StageOutput<T> output, CancellationToken cancellationToken);

    /// <summary>Called for a stream's end-of-stream marker, after the batch before it. The default does nothing.</summary>
    public virtual void OnEndOfStream(StreamContext stream)
    {
    }

    /// <summary>Called once after the input completed. The default does nothing.</summary>
    public virtual ValueTask CompleteAsync(StageOutput<T> output, CancellationToken cancellationToken) => default;
}
