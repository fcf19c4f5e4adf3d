namespace Streams.Configuration;

/// <summary>When the spool forces its writes to disk (<c>sinks[].spool_fsync</c>). Every write reaches the operating
/// system at once whatever this says, so a killed process loses nothing; it matters only when the machine loses power.</summary>
public enum SpoolFsync
{
    /// <summary>After every batch of appends: safest, slowest on slow disks.</summary>
    Always,

    /// <summary>Once a second while there are new writes (the default): a power cut loses at most a second.</summary>
    Interval,

    /// <summary>Left to the operating system.</summary>
    Never,
}
