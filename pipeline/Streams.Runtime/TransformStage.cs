namespace Streams.Runtime;

/// <summary>
/// A stage that changes each item in place and passes the same item on: preprocessing, post-processing, tracking
/// and analytics all have this shape. Ownership is handled here: an item is released if the transform throws.
/// </summary>
/// <typeparam name="T">The items carried.</typeparam>
public abstract class TransformStage<T> : Stage<T, T>
    where T : class, IPipelineItem
{
    /// <summary>Creates a stage called <paramref name="name"/>.</summary>
    protected TransformStage(string name)
        : base(name)
    {
    }

    /// <summary>Changes <paramref name="item"/> in place. It is passed on afterwards unless this returns false.</summary>
    /// <returns>False to discard the item (it is released and counted as <see cref="DropReason.Filtered"/>).</returns>
    protected abstract bool Transform(T item);

    /// <summary>Called for a stream's end-of-stream marker before it is passed on. The default does nothing.</summary>
    protected virtual void OnEndOfStream(StreamContext stream)
    {
    }

    /// <inheritdoc />
    public sealed override ValueTask ProcessAsync(T item, StageOutput<T> output, CancellationToken cancellationToken)
    {
        bool keep;
        try
        {
            if (item.IsEndOfStream)
            {
                OnEndOfStream(item.Stream);
                keep = true;
            }
            else
            {
                keep = Transform(item);
            }
        }
        catch
        {
            item.Release();
            throw;
        }

        if (!keep)
        {
            output.Discard(item, DropReason.Filtered);
            return default;
        }

        ValueTask<bool> write = output.WriteAsync(item);
        return write.IsCompletedSuccessfully ? default : AwaitWrite(write);

        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
        static async ValueTask AwaitWrite(ValueTask<bool> pending) => await pending.ConfigureAwait(false);
    }
}
