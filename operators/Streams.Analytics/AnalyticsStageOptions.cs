namespace Streams.Analytics;

/// <summary>The analytics rules and how often they report; one instance serves every stream (rules may name a stream).</summary>
public sealed record AnalyticsStageOptions
{
    private readonly TimeSpan? _objectUpdateInterval = TimeSpan.FromSeconds(1);
    private readonly TimeSpan? _countsInterval = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _trackTimeout = TimeSpan.FromSeconds(2);
    private readonly TimeSpan _speedWindow = TimeSpan.FromSeconds(1);
    private readonly int _pathPoints = 16;
    private readonly double _hysteresis = 3;
    private readonly double _nominalFrameRate = 30;

    /// <summary>The defaults: no rules, object updates every second, counts every 10 s.</summary>
    public static AnalyticsStageOptions Default { get; } = new();

    /// <summary>Polygon zones. Default empty.</summary>
    public IReadOnlyList<ZoneRuleOptions> Zones { get; init; } = [];

    /// <summary>Counting lines. Default empty.</summary>
    public IReadOnlyList<LineRuleOptions> Lines { get; init; } = [];

    /// <summary>Class names by class id, for events (the detector's labels). Default empty: the id as text.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Label names per secondary model (by model index, then class id), for attribute summaries. Default empty.</summary>
    public IReadOnlyList<IReadOnlyList<string>> AttributeLabels { get; init; } = [];

    /// <summary>The point of a box that zones and lines judge. Default bottom centre (the sample streams' rule).</summary>
    public AnchorPoint Anchor { get; init; } = AnchorPoint.BottomCenter;

    /// <summary>
    /// An <c>object.update</c> per track at most this often (stream time), greater than 0. Default 1 s; null: none.
    /// </summary>
    public TimeSpan? ObjectUpdateInterval { get => _objectUpdateInterval; init => _objectUpdateInterval = PositiveOrNull(value); }

    /// <summary>
    /// A <c>counts</c> event per stream this often (stream time), plus a final one at the end of the stream, greater
    /// than 0. Default 10 s; null: none.
    /// </summary>
    public TimeSpan? CountsInterval { get => _countsInterval; init => _countsInterval = PositiveOrNull(value); }

    /// <summary>
    /// A track not seen for longer than this (stream time) ends with <c>object.end</c>. Default 2 s: longer than
    /// ByteTrack's lost-track buffer (1 s), so an id the tracker may still bring back is not ended early.
    /// </summary>
    public TimeSpan TrackTimeout { get => _trackTimeout; init => _trackTimeout = Positive(value); }

    /// <summary>Speed is the anchor's displacement over about this much of the recent past. Default 1 s; shorter is noisier.</summary>
    public TimeSpan SpeedWindow { get => _speedWindow; init => _speedWindow = Positive(value); }

    /// <summary>Points in the path summary of <c>object.end</c>, evenly spaced over the track, at least 2. Default 16.</summary>
    public int PathPoints
    {
        get => _pathPoints;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            _pathPoints = value;
        }
    }

    /// <summary>
    /// Pixels the anchor must be past a line, or inside or outside a zone's edge, before a side change counts, so
    /// that box jitter on the boundary never counts twice; 0 or more. Default 3.
    /// </summary>
    public double Hysteresis
    {
        get => _hysteresis;
        init
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The hysteresis must be a finite number of pixels, 0 or more.");
            }

            _hysteresis = value;
        }
    }

    /// <summary>Frames per second assumed for frames without PTS (stream time = sequence / rate). Default 30.</summary>
    public double NominalFrameRate
    {
        get => _nominalFrameRate;
        init
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A frame rate must be positive.");
            }

            _nominalFrameRate = value;
        }
    }

    /// <summary>Image to ground mapping for speeds in m/s. Default null: pixel speeds only.</summary>
    public GroundPlaneOptions? GroundPlane { get; init; }

    /// <summary>
    /// Keeps a JPEG crop of each track's best view and references it from <c>object.end</c>. Default null: no
    /// snapshots. The recorder is shared by every stream of the stage; the stage does not dispose it.
    /// </summary>
    public ISnapshotRecorder? Snapshots { get; init; }

    /// <summary>
    /// Gives the run epoch of the event ids of a new run of the named stream (<see cref="EventIds"/>). Default null:
    /// <see cref="EventIds.NextEpoch()"/>, which differs between runs. A fixed epoch makes the ids of a replay
    /// repeatable, for comparisons; it must never be reused by a run whose events reach the same consumers.
    /// </summary>
    public Func<string, long>? Epochs { get; init; }

    private static TimeSpan Positive(TimeSpan value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "The interval must be positive.");
        }

        return value;
    }

    private static TimeSpan? PositiveOrNull(TimeSpan? value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null) =>
        value is { } v ? Positive(v, name) : null;
}
