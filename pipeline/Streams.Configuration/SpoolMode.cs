namespace Streams.Configuration;

/// <summary>When a Kafka sink writes events to its spool (<c>sinks[].spool_mode</c>).</summary>
public enum SpoolMode
{
    /// <summary>Only once the broker falls behind (the default): a killed process loses what was only in memory.</summary>
    OnFailure,

    /// <summary>Write-ahead: every event is in the spool before the pipeline hands the next one over; a killed process
    /// loses nothing it handed to the sink.</summary>
    Always,
}
