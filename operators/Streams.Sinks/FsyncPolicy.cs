namespace Streams.Sinks;

/// <summary>When the spool forces its writes to disk (<see cref="KafkaSinkOptions.SpoolFsync"/>, <c>sinks[].spool_fsync</c>). Every write reaches the operating system at once whatever the
/// policy, so a killed process loses nothing; the policy only matters when the machine itself loses power.</summary>
public enum FsyncPolicy
{
    /// <summary>fsync after every batch of appends (group commit): safest, slowest on slow disks.</summary>
    Always,

    /// <summary>fsync the active segment every <see cref="KafkaSinkOptions.SpoolFsyncInterval"/> while it has new writes.</summary>
    Interval,

    /// <summary>Leave flushing to the operating system.</summary>
    Never,
}
