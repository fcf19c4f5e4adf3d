namespace Streams.Sinks;

/// <summary>
/// The Kafka sink's durable local spool: where events go once the in-memory bound is reached or the broker has been
/// away for <see cref="KafkaSinkOptions.SpillAfter"/>, and where a restarted process finds what a crashed one left.
/// </summary>
/// <remarks>
/// The directory holds append-only segment files (<c>NNNNNNNNNNNNNNNNNNNN.seg</c>), each a 16-byte header followed by
/// records framed as <c>magic u32 | body length u32 | CRC32C(length, body) u32 | body</c>. A segment is deleted only
/// once every record in it was acknowledged. One process at a time may use a directory (a lock file guards it).
/// </remarks>
public sealed record SpoolOptions
{
    private readonly string _directory = "";
    private readonly long _maxBytes = 1L << 30;
    private readonly long _segmentBytes = 8L << 20;
    private readonly TimeSpan _fsyncInterval = TimeSpan.FromSeconds(1);

    /// <summary>The spool directory; created if missing. Required.</summary>
    public required string Directory
    {
        get => _directory;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _directory = value;
        }
    }

    /// <summary>
    /// Disk bound for all segments together. Default 1 GiB (about a million 1 KB events). When reached, new events are
    /// dropped and counted under <see cref="EventDropReason.SpoolFull"/>, with one warning per episode.
    /// </summary>
    public long MaxBytes
    {
        get => _maxBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 4096);
            _maxBytes = value;
        }
    }

    /// <summary>Size at which the active segment is sealed and a new one begun. Default 8 MiB: small enough that a
    /// fully acknowledged segment is freed soon, large enough that file churn stays low.</summary>
    public long SegmentBytes
    {
        get => _segmentBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 4096);
            _segmentBytes = value;
        }
    }

    /// <summary>When events go to the spool. Default <see cref="SpoolMode.OnFailure"/>: only once the broker falls
    /// behind; <see cref="SpoolMode.Always"/> makes every event durable before it is accepted.</summary>
    public SpoolMode Mode { get; init; } = SpoolMode.OnFailure;

    /// <summary>When writes are forced to disk. Default <see cref="FsyncPolicy.Interval"/>: a killed process loses nothing
    /// either way; a power cut loses at most <see cref="FsyncInterval"/> of spooled events.</summary>
    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.Interval;

    /// <summary>The period of <see cref="FsyncPolicy.Interval"/>. Default 1 s.</summary>
    public TimeSpan FsyncInterval
    {
        get => _fsyncInterval;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _fsyncInterval = value;
        }
    }
}
