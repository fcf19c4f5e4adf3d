namespace Streams.Runtime;

/// <summary>
/// Where a stage writes its results: the next edge, or, for the last stage, the end of the pipeline (the item is
/// counted as completed and released).
/// </summary>
/// <typeparam name="T">The items written.</typeparam>
public sealed class StageOutput<T>
    where T : class, IPipelineItem
{
    private readonly string _stage;
    private readonly Edge<T>? _edge;
    private readonly PipelineMetrics _metrics;
    private volatile bool _closed;

    internal StageOutput(string stage, Edge<T>? edge, PipelineMetrics metrics)
    {
        _stage = stage;
        _edge = edge;
        _metrics = metrics;
    }

    /// <summary>True once a write found the next stage gone; the stage should stop producing.</summary>
    public bool IsClosed => _closed;

    /// <summary>Hands <paramref name="item"/> on. Ownership passes in every case.</summary>
    /// <returns>False if the next stage is gone (the item was released and counted).</returns>
    public ValueTask<bool> WriteAsync(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        StreamContext stream = item.Stream;
        if (!item.IsEndOfStream)
        {
            _metrics.StageFramesOut.Add(1,
                new KeyValuePair<string, object?>("stage", _stage),
                new KeyValuePair<string, object?>("stream", stream.Id));
        }

        if (_edge is null)
        {
            if (!item.IsEndOfStream)
            {
                stream.CountCompleted();
            }

            item.Release();
            return new ValueTask<bool>(true);
        }

        ValueTask<bool> write = _edge.WriteAsync(item);
        if (write.IsCompletedSuccessfully)
        {
            bool written = write.Result;
            _closed |= !written;
            return new ValueTask<bool>(written);
        }

        return AwaitWriteAsync(write);
    }

    /// <summary>Releases <paramref name="item"/> without handing it on, counting it as dropped here.</summary>
    public void Discard(T item, DropReason reason)
    {
        ArgumentNullException.ThrowIfNull(item);
        StreamContext stream = item.Stream;
        bool marker = item.IsEndOfStream;
        item.Release();
        if (!marker)
        {
            _metrics.RecordDrop(_stage, stream, reason);
        }
    }

    internal void Complete(Exception? error) => _edge?.TryComplete(error);

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> AwaitWriteAsync(ValueTask<bool> write)
    {
        bool written = await write.ConfigureAwait(false);
        _closed |= !written;
        return written;
    }
}
