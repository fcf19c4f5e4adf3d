using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Streams.Runtime;

/// <summary>
/// A bounded queue between two parts of the pipeline, with a full-queue policy, drop accounting and ownership rules.
/// </summary>
/// <remarks>
/// <para>Ownership: <see cref="WriteAsync"/> always takes the item, whether it queues it or drops it; the reader owns
/// what it reads. Items dropped by the policy, or left when the edge is drained, are released here and counted per
/// stream and reason.</para>
/// <para>Waiting never takes a cancellation token: a hard stop completes the edge instead, which wakes readers and
/// writers alike. That keeps the channel on its allocation-free path (a cancellable wait allocates per call).</para>
/// </remarks>
/// <typeparam name="T">The items carried.</typeparam>
public sealed class Edge<T> : IEdge
    where T : class, IPipelineItem
{
    private readonly Channel<T> _channel;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger _logger;
    private int _dropping;
    private long _episodeDrops;

    /// <summary>Creates an edge named <paramref name="name"/> (used in logs and metric tags).</summary>
    public Edge(string name, EdgeOptions options, PipelineMetrics metrics, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Options = options;
        _metrics = metrics;
        _logger = logger;
        var channelOptions = new BoundedChannelOptions(options.Capacity)
        {
            FullMode = options.Policy == EdgePolicy.DropOldest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = options.SingleWriter,
            // Continuations run on the pool: a writer must never end up running the consumer's stage inline.
            AllowSynchronousContinuations = false,
        };
        _channel = options.Policy == EdgePolicy.DropOldest
            ? Channel.CreateBounded<T>(channelOptions, OnDroppedOldest)
            : Channel.CreateBounded<T>(channelOptions);
        metrics.Track(this);
    }

    /// <summary>The edge's name in logs and metrics.</summary>
    public string Name { get; }

    /// <summary>The options the edge was made with.</summary>
    public EdgeOptions Options { get; }

    /// <summary>Items queued now.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Completes when the edge is completed and empty; faults or cancels as the writer completed it.</summary>
    public Task Completion => _channel.Reader.Completion;

    /// <summary>
    /// Queues <paramref name="item"/>, waiting for room under <see cref="EdgePolicy.Wait"/>. Takes ownership in every
    /// case: if the edge was completed, the item is released and counted as <see cref="DropReason.EdgeClosed"/>.
    /// </summary>
    /// <returns>True if queued; false if the edge is closed (the writer should stop producing).</returns>
    public ValueTask<bool> WriteAsync(T item)
    {
        if (_channel.Writer.TryWrite(item))
        {
            return new ValueTask<bool>(true);
        }

        return WriteSlowAsync(item);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WriteSlowAsync(T item)
    {
        try
        {
            while (await _channel.Writer.WaitToWriteAsync().ConfigureAwait(false))
            {
                if (_channel.Writer.TryWrite(item))
                {
                    return true;
                }
            }
        }
        catch (Exception)
        {
            // The edge was completed with an error (a hard stop, or a failed consumer): whatever the error, the
            // edge is closed, and the item is dropped below like any write to a closed edge.
        }

        Drop(item, DropReason.EdgeClosed);
        return false;
    }

    /// <summary>Waits until an item can be read; false once the edge is completed and empty.</summary>
    /// <exception cref="Exception">The error the edge was completed with.</exception>
    public ValueTask<bool> WaitToReadAsync() => _channel.Reader.WaitToReadAsync();

    /// <summary>Like <see cref="WaitToReadAsync()"/>, but gives up when <paramref name="cancellationToken"/> fires.
    /// A cancellable wait allocates; use it for timed waits only.</summary>
    public ValueTask<bool> WaitToReadOrCancelAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the next queued item, if any. The caller owns it.</summary>
    public bool TryRead(out T item)
    {
        if (!_channel.Reader.TryRead(out item!))
        {
            return false;
        }

        if (Volatile.Read(ref _dropping) != 0 && _channel.Reader.Count <= Options.Capacity / 2)
        {
            EndDropEpisode(item.Stream);
        }

        return true;
    }

    /// <summary>
    /// Marks that no more items will come, with the reason if it ended badly. Readers see <paramref name="error"/>;
    /// an <see cref="OperationCanceledException"/> reads as canceled, never as failed.
    /// </summary>
    public bool TryComplete(Exception? error = null) => _channel.Writer.TryComplete(error);

    /// <summary>Releases every queued item, counting each as dropped for <paramref name="reason"/>.</summary>
    /// <returns>How many items were released.</returns>
    public int DrainAndRelease(DropReason reason)
    {
        int drained = 0;
        while (_channel.Reader.TryRead(out T? item))
        {
            Drop(item, reason);
            drained++;
        }

        return drained;
    }

    /// <summary>Releases <paramref name="item"/> and counts it as dropped here for <paramref name="reason"/>.</summary>
    public void Drop(T item, DropReason reason)
    {
        ArgumentNullException.ThrowIfNull(item);
        StreamContext stream = item.Stream;
        item.Release();
        if (!item.IsEndOfStream)
        {
            _metrics.RecordDrop(Name, stream, reason);
        }
    }

    /// <summary>Stops reporting this edge's queue depth.</summary>
    public void Untrack() => _metrics.Untrack(this);

    private void OnDroppedOldest(T item)
    {
        StreamContext stream = item.Stream;
        Drop(item, DropReason.QueueFull);
        Interlocked.Increment(ref _episodeDrops);

        // "Slow consumer" is logged once per episode, not per frame.
        if (Interlocked.Exchange(ref _dropping, 1) == 0)
        {
            _logger.LogWarning(LogEvents.DroppingStarted,
                "Stream {StreamId}: {Edge} is full, dropping the oldest frames until the pipeline catches up", stream.Id, Name);
        }
    }

    private void EndDropEpisode(StreamContext stream)
    {
        if (Interlocked.Exchange(ref _dropping, 0) != 0)
        {
            long dropped = Interlocked.Exchange(ref _episodeDrops, 0);
            _logger.LogInformation(LogEvents.DroppingStopped,
                "Stream {StreamId}: {Edge} caught up after dropping {Dropped} frames", stream.Id, Name, dropped);
        }
    }
}
