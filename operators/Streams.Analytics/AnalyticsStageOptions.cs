using Streams.Options;

namespace Streams.Analytics;

/// <summary>
/// The <c>analytics:</c> section, and what the <see cref="AnalyticsStage"/> takes: the rules and how often they report;
/// one instance serves every stream (rules may name a stream). The keys of a pipeline file are the zones, lines and
/// intervals; the rest is set in code ([ConfigIgnore]). <see cref="Validate"/> holds the rules; the stage checks them,
/// and those of each zone, line and ground plane, when it is made.
/// </summary>
public sealed record AnalyticsStageOptions : IValidatableOptions
{
    /// <summary>The defaults: no rules, object updates every second, counts every 10 s.</summary>
    public static AnalyticsStageOptions Default { get; } = new();

    /// <summary><c>zones</c>: polygons reporting entries, exits and loitering. Default empty.</summary>
    public IReadOnlyList<ZoneRuleOptions> Zones { get; init; } = [];

    /// <summary><c>lines</c>: counting lines reporting directed crossings. Default empty.</summary>
    public IReadOnlyList<LineRuleOptions> Lines { get; init; } = [];

    /// <summary>Class names by class id, for events (the detector's labels). Default empty: the id as text.</summary>
    [ConfigIgnore]
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Label names per secondary model (by model index, then class id), for attribute summaries. Default empty.</summary>
    [ConfigIgnore]
    public IReadOnlyList<IReadOnlyList<string>> AttributeLabels { get; init; } = [];

    /// <summary>The point of a box that zones and lines judge. Default bottom centre (the sample streams' rule).</summary>
    [ConfigIgnore]
    public AnchorPoint Anchor { get; init; } = AnchorPoint.BottomCenter;

    /// <summary>
    /// <c>object_update_interval</c>: an <c>object.update</c> per track at most this often (stream time), greater than
    /// 0. Default 1s; null: none.
    /// </summary>
    public TimeSpan? ObjectUpdateInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>counts_interval</c>: a <c>counts</c> event per stream this often (stream time), plus a final one when the
    /// stream ends, greater than 0. Default 10s; null: none.
    /// </summary>
    public TimeSpan? CountsInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>track_timeout</c>: a track not seen for longer than this (stream time) ends with <c>object.end</c>, greater
    /// than 0. Default 2s: longer than ByteTrack's lost-track buffer (1 s), so an id the tracker may still bring back is
    /// not ended early; keep it longer than the tracker's.
    /// </summary>
    public TimeSpan TrackTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Speed is the anchor's displacement over about this much of the recent past, greater than 0. Default 1 s;
    /// shorter is noisier.</summary>
    [ConfigIgnore]
    public TimeSpan SpeedWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Points in the path summary of <c>object.end</c>, evenly spaced over the track, at least 2. Default 16.</summary>
    [ConfigIgnore]
    public int PathPoints { get; init; } = 16;

    /// <summary>
    /// Pixels the anchor must be past a line, or inside or outside a zone's edge, before a side change counts, so
    /// that box jitter on the boundary never counts twice; a finite number, 0 or more. Default 3.
    /// </summary>
    [ConfigIgnore]
    public double Hysteresis { get; init; } = 3;

    /// <summary>Frames per second assumed for frames without PTS (stream time = sequence / rate), finite and greater
    /// than 0. Default 30.</summary>
    [ConfigIgnore]
    public double NominalFrameRate { get; init; } = 30;

    /// <summary>Image to ground mapping for speeds in m/s. Default null: pixel speeds only.</summary>
    [ConfigIgnore]
    public GroundPlaneOptions? GroundPlane { get; init; }

    /// <summary>
    /// Keeps a JPEG crop of each track's best view and references it from <c>object.end</c>. Default null: no
    /// snapshots. The recorder is shared by every stream of the stage; the stage does not dispose it.
    /// </summary>
    [ConfigIgnore]
    public ISnapshotRecorder? Snapshots { get; init; }

    /// <summary>
    /// Gives the run epoch of the event ids of a new run of the named stream (<see cref="EventIds"/>). Default null:
    /// <see cref="EventIds.NextEpoch()"/>, which differs between runs. A fixed epoch makes the ids of a replay
    /// repeatable, for comparisons; it must never be reused by a run whose events reach the same consumers.
    /// </summary>
    [ConfigIgnore]
    public Func<string, long>? Epochs { get; init; }

    /// <summary>Positive intervals, at least 2 path points, a finite hysteresis of 0 or more, a finite positive rate.
    /// The rules of each zone, line and ground plane are theirs.</summary>
    public void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (ObjectUpdateInterval is { } update)
        {
            validation.Positive(nameof(ObjectUpdateInterval), update);
        }

        if (CountsInterval is { } counts)
        {
            validation.Positive(nameof(CountsInterval), counts);
        }

        validation.Positive(nameof(TrackTimeout), TrackTimeout);
        validation.Positive(nameof(SpeedWindow), SpeedWindow);
        validation.AtLeast(nameof(PathPoints), PathPoints, 2);
        if (!(Hysteresis >= 0) || double.IsInfinity(Hysteresis))
        {
            validation.Error(nameof(Hysteresis), $"must be a finite number of pixels, 0 or more, got {validation.Show(nameof(Hysteresis), Hysteresis)}");
        }

        if (!(NominalFrameRate > 0) || double.IsInfinity(NominalFrameRate))
        {
            validation.Error(nameof(NominalFrameRate), $"must be a finite rate greater than 0, got {validation.Show(nameof(NominalFrameRate), NominalFrameRate)}");
        }
    }

    /// <summary>Throws when this record, or one of its zones, lines or its ground plane, breaks a rule.</summary>
    /// <exception cref="ArgumentException">A rule is broken; the message names each.</exception>
    internal void ThrowIfInvalid(string? paramName)
    {
        OptionsValidator.ThrowIfInvalid(this, paramName);
        foreach (ZoneRuleOptions zone in Zones)
        {
            OptionsValidator.ThrowIfInvalid(zone, paramName);
        }

        foreach (LineRuleOptions line in Lines)
        {
            OptionsValidator.ThrowIfInvalid(line, paramName);
        }

        if (GroundPlane is { } plane)
        {
            OptionsValidator.ThrowIfInvalid(plane, paramName);
        }
    }
}
