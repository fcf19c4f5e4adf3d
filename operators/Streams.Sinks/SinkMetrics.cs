namespace Streams.Sinks;

/// <summary>
/// Names of the sinks' System.Diagnostics.Metrics instruments. Every instrument carries a <c>sink</c> tag
/// (<c>kafka</c>, <c>jsonl</c>, <c>stdout</c>); drops carry <c>reason</c> (an <see cref="EventDropReason"/>), failures
/// carry <c>error</c> (the Kafka error code).
/// </summary>
public static class SinkMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Streams.Sinks";

    /// <summary>Counter: events accepted by a sink.</summary>
    public const string Accepted = "streams.sink.events.accepted";

    /// <summary>Counter: produce calls (first sends, resends, replays).</summary>
    public const string Sent = "streams.sink.events.sent";

    /// <summary>Counter: events acknowledged (written, for local sinks).</summary>
    public const string Acknowledged = "streams.sink.events.acked";

    /// <summary>Counter: delivery reports with an error.</summary>
    public const string Failed = "streams.sink.events.failed";

    /// <summary>Counter: events produced again after a failure.</summary>
    public const string Retried = "streams.sink.events.retried";

    /// <summary>Counter: events written to the spool.</summary>
    public const string Spooled = "streams.sink.events.spooled";

    /// <summary>Counter: events produced from the spool.</summary>
    public const string Replayed = "streams.sink.events.replayed";

    /// <summary>Counter: events dropped, tagged with <c>reason</c>.</summary>
    public const string Dropped = "streams.sink.events.dropped";

    /// <summary>Histogram (ms): produce call to acknowledgement.</summary>
    public const string AckLatency = "streams.sink.ack.latency";
}
