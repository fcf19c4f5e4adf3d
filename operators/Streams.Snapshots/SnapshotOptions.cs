namespace Streams.Snapshots;

/// <summary>Where snapshots go, how they look, and how often a track may re-encode its best view.</summary>
public sealed record SnapshotOptions
{
    private readonly int _quality = 85;
    private readonly int? _maxSide = 640;
    private readonly float _minImprovement = 0.05f;
    private readonly TimeSpan _minInterval = TimeSpan.FromSeconds(1);
    private readonly int _maxEncodesPerTrack = 5;
    private readonly int _queueCapacity = 64;

    /// <summary>The directory snapshots are written under, as <c>&lt;stream id&gt;/&lt;track id&gt;.jpg</c>; created when missing.</summary>
    public required string Directory { get; init; }

    /// <summary>JPEG quality, 1..100. Default 85.</summary>
    public int Quality
    {
        get => _quality;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100);
            _quality = value;
        }
    }

    /// <summary>Crops are shrunk (never enlarged) until their longer side fits this, at least 2 px. Default 640; null: full size.</summary>
    public int? MaxSide
    {
        get => _maxSide;
        init
        {
            if (value is { } side)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(side, 2);
            }

            _maxSide = value;
        }
    }

    /// <summary>
    /// A track's snapshot is replaced only by a sighting this much more confident than the encoded one (0..1), or by an
    /// equally confident one with a larger box. Default 0.05: detector jitter does not re-encode.
    /// </summary>
    public float MinImprovement
    {
        get => _minImprovement;
        init
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The improvement is a confidence difference, 0..1.");
            }

            _minImprovement = value;
        }
    }

    /// <summary>
    /// At least this long (the frames' PTS, else their arrival time) between two encodes of one track, 0 or more.
    /// Default 1 s.
    /// </summary>
    public TimeSpan MinInterval
    {
        get => _minInterval;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _minInterval = value;
        }
    }

    /// <summary>Encodes per track at most, at least 1: a long-lived track stops costing CPU and disk. Default 5.</summary>
    public int MaxEncodesPerTrack
    {
        get => _maxEncodesPerTrack;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxEncodesPerTrack = value;
        }
    }

    /// <summary>JPEGs waiting for the writer at most, at least 1; past it new ones are dropped and counted. Default 64.</summary>
    public int QueueCapacity
    {
        get => _queueCapacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _queueCapacity = value;
        }
    }

    /// <summary>
    /// Whether YUV frames hold limited-range video samples (what decoders give), expanded to JPEG's full range.
    /// Default true; false for full-range (JPEG-style) sources.
    /// </summary>
    public bool ExpandLimitedRange { get; init; } = true;
}
