namespace Streams.Runtime;

/// <summary>How a stop ended.</summary>
public enum StopOutcome
{
    /// <summary>Sources stopped, every in-flight item went through, sinks flushed, all before the deadline.</summary>
    Drained,

    /// <summary>The deadline passed or a hard stop was asked for: in-flight items were discarded and counted.</summary>
    Forced,
}
