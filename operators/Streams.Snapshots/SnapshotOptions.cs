using Streams.Options;

namespace Streams.Snapshots;

/// <summary>
/// The <c>snapshots:</c> section, and what a <see cref="SnapshotStore"/> takes: where snapshots go, how they look, and
/// how often a track may re-encode its best view. The keys of a pipeline file are the directory, quality and size;
/// the rest is set in code ([ConfigIgnore]). <see cref="Validate"/> holds the rules; the store checks them when it is
/// made.
/// </summary>
public sealed record SnapshotOptions : IValidatableOptions
{
    /// <summary>The defaults: no directory (a pipeline takes no snapshots), quality 85, crops up to 640 px.</summary>
    public static SnapshotOptions Default { get; } = new();

    /// <summary>
    /// <c>directory</c>: where crops go, as <c>&lt;stream id&gt;/&lt;track id&gt;.jpg</c>; created when missing. From a
    /// pipeline file it is resolved against the file's directory. Default null: no snapshots (a store needs one).
    /// </summary>
    [ConfigPath]
    public string? Directory { get; init; }

    /// <summary><c>quality</c>: JPEG quality, 1..100. Default 85.</summary>
    public int Quality { get; init; } = 85;

    /// <summary><c>max_side</c>: crops larger than this many pixels on their longer side are shrunk (never enlarged) to
    /// it, 16..8192. Default 640; null: full size.</summary>
    public int? MaxSide { get; init; } = 640;

    /// <summary>
    /// A track's snapshot is replaced only by a sighting this much more confident than the encoded one (0..1), or by an
    /// equally confident one with a larger box. Default 0.05: detector jitter does not re-encode.
    /// </summary>
    [ConfigIgnore]
    public float MinImprovement { get; init; } = 0.05f;

    /// <summary>
    /// At least this long (the frames' PTS, else their arrival time) between two encodes of one track, 0 or more.
    /// Default 1 s.
    /// </summary>
    [ConfigIgnore]
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Encodes per track at most, at least 1: a long-lived track stops costing CPU and disk. Default 5.</summary>
    [ConfigIgnore]
    public int MaxEncodesPerTrack { get; init; } = 5;

    /// <summary>JPEGs waiting for the writer at most, at least 1; past it new ones are dropped and counted. Default 64.</summary>
    [ConfigIgnore]
    public int QueueCapacity { get; init; } = 64;

    /// <summary>
    /// Whether YUV frames hold limited-range video samples (what decoders give), expanded to JPEG's full range.
    /// Default true; false for full-range (JPEG-style) sources.
    /// </summary>
    [ConfigIgnore]
    public bool ExpandLimitedRange { get; init; } = true;

    /// <summary>Quality 1..100, a maximum side of 16..8192 when set, an improvement in 0..1, limits of 0 or more and 1 or more.</summary>
    public void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.InRange(nameof(Quality), Quality, 1, 100);
        if (MaxSide is { } side)
        {
            validation.InRange(nameof(MaxSide), side, 16, 8192);
        }

        validation.InRange(nameof(MinImprovement), MinImprovement, 0f, 1f);
        validation.AtLeast(nameof(MinInterval), MinInterval, TimeSpan.Zero);
        validation.AtLeast(nameof(MaxEncodesPerTrack), MaxEncodesPerTrack, 1);
        validation.AtLeast(nameof(QueueCapacity), QueueCapacity, 1);
    }
}
