namespace Streams.Analytics;

/// <summary>
/// Takes analytics events to a sink (Kafka, a JSON file, a test). Publishing applies backpressure: the returned task
/// completes once the event is accepted, and a publisher that is behind makes the analytics stage, and so the
/// pipeline, wait. A publisher never drops an event silently: it accepts it, or throws.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Hands <paramref name="analyticsEvent"/> on; completes when it was accepted.</summary>
    /// <param name="analyticsEvent">The event; immutable, and the publisher may keep it.</param>
    /// <param name="cancellationToken">The pipeline's hard stop.</param>
    ValueTask PublishAsync(AnalyticsEvent analyticsEvent, CancellationToken cancellationToken);
}
