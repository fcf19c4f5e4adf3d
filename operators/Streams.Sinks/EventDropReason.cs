namespace Streams.Sinks;

/// <summary>Why a sink dropped an event. Every drop is counted under its reason.</summary>
public enum EventDropReason
{
    /// <summary>The in-memory bound was reached and no spool is configured.</summary>
    MemoryFull,

    /// <summary>The spool's disk bound was reached (the broker has been away long enough to fill it).</summary>
    SpoolFull,

    /// <summary>Writing to the spool failed (an I/O error: disk full, permissions).</summary>
    SpoolWriteFailed,

    /// <summary>A spool record failed its CRC or was cut short; it cannot be read back.</summary>
    SpoolCorrupt,

    /// <summary>The broker or client refused the event for good (too large, not authorised, invalid topic).</summary>
    Rejected,

    /// <summary>The stop deadline passed with the event unacknowledged and no spool to keep it.</summary>
    Stopped,

    /// <summary>A local sink could not write it (an I/O error).</summary>
    WriteFailed,
}
