using System.Threading.Channels;

namespace Streams.Analytics;

/// <summary>
/// An <see cref="IEventPublisher"/> over a bounded channel: a sink reads <see cref="Reader"/>; while the channel is
/// full, publishing waits (backpressure), and after <see cref="Complete"/> it throws <see cref="ChannelClosedException"/>.
/// </summary>
public sealed class ChannelEventPublisher : IEventPublisher
{
    private readonly Channel<AnalyticsEvent> _channel;

    /// <summary>Creates a publisher holding up to <paramref name="capacity"/> events (default 1024) before it makes the stage wait.</summary>
    public ChannelEventPublisher(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _channel = Channel.CreateBounded<AnalyticsEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Where a sink takes the events, in publishing order.</summary>
    public ChannelReader<AnalyticsEvent> Reader => _channel.Reader;

    /// <inheritdoc />
    public ValueTask PublishAsync(AnalyticsEvent analyticsEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analyticsEvent);
        return _channel.Writer.WriteAsync(analyticsEvent, cancellationToken);
    }

    /// <summary>Ends the event stream (with <paramref name="error"/>, if any); harmless when repeated.</summary>
    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);
}
