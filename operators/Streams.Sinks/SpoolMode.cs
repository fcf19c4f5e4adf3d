namespace Streams.Sinks;

/// <summary>When the Kafka sink writes events to its spool (<see cref="KafkaSinkOptions.SpoolMode"/>, <c>sinks[].spool_mode</c>).</summary>
public enum SpoolMode
{
    /// <summary>
    /// Only when the broker falls behind (<see cref="KafkaSinkOptions.SpillAfter"/>, the in-flight bound, a failed
    /// delivery). Cheapest; a killed process loses what was only in memory: at most the in-flight bound, for at most
    /// <see cref="KafkaSinkOptions.SpillAfter"/>.
    /// </summary>
    OnFailure,

    /// <summary>
    /// Write-ahead: every event is appended to the spool (and forced to disk as <see cref="KafkaSinkOptions.SpoolFsync"/> says)
    /// before <see cref="IEventSink.WriteAsync"/> returns, and settled there when Kafka acknowledges it. A killed
    /// process loses nothing it accepted; the next start sends what was unacknowledged again, with its original id.
    /// </summary>
    Always,
}
