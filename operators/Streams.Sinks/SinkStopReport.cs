namespace Streams.Sinks;

/// <summary>What a sink's stop left undelivered, for the host's stop summary and exit code.</summary>
/// <param name="Sink">The sink's name (<see cref="IEventSink.Name"/>).</param>
/// <param name="InSpool">Events unacknowledged at the stop that wait in the sink's spool for the next start (not lost).</param>
/// <param name="Dropped">Events dropped at the stop, counted under <see cref="EventDropReason.Stopped"/> (or a spool
/// failure): the stop ended before they were delivered and there was no spool to keep them.</param>
public sealed record SinkStopReport(string Sink, long InSpool, long Dropped)
{
    /// <summary>A stop that left nothing undelivered.</summary>
    public static SinkStopReport Clean(string sink) => new(sink, 0, 0);
}
