namespace Streams.Sinks;

/// <summary>
/// Where events leave the pipeline. The analytics stage feeds a sink from one task through a bounded channel;
/// implementations are safe to call from several tasks all the same.
/// </summary>
/// <remarks>
/// An event handed to a sink is never lost silently: it is delivered, retried, spooled, or counted as dropped with a
/// reason (<see cref="EventSinkStatistics.Dropped"/>, the <c>streams.sink.events.dropped</c> counter, and a log line
/// once per episode). Disposing stops the sink gracefully within its stop deadline.
/// </remarks>
public interface IEventSink : IAsyncDisposable
{
    /// <summary>The sink's name in metrics and logs (<c>kafka</c>, <c>jsonl</c>, <c>stdout</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Completes when the sink has stopped (after <see cref="IAsyncDisposable.DisposeAsync"/>); faults if a background
    /// failure stopped it, so that a host can stop rather than carry on without its output.
    /// </summary>
    Task Completion { get; }

    /// <summary>
    /// Hands one event to the sink. Completes once the sink has accepted it (queued, written or spooled), not when it is
    /// delivered; waits while the sink's intake is full (backpressure).
    /// </summary>
    /// <exception cref="OperationCanceledException">The token fired before the event was accepted; it was not taken.</exception>
    /// <exception cref="InvalidOperationException">The sink is stopping or has failed; the event was not taken.</exception>
    ValueTask WriteAsync(OutgoingEvent outgoingEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until every event accepted before the call is settled: acknowledged by the destination, or dropped and
    /// counted. Cancelling stops the wait only; the events stay queued.
    /// </summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops gracefully: takes no more events and delivers what it holds until <paramref name="cancellationToken"/>
    /// fires (the host's stop deadline, or a forced stop); what is undelivered then is spooled where the sink has a
    /// spool, else dropped and counted. Idempotent; <see cref="IAsyncDisposable.DisposeAsync"/> afterwards only waits
    /// for it.
    /// </summary>
    /// <returns>What the stop left undelivered.</returns>
    ValueTask<SinkStopReport> StopAsync(CancellationToken cancellationToken = default);

    /// <summary>A consistent snapshot of the sink's counters.</summary>
    EventSinkStatistics GetStatistics();
}
