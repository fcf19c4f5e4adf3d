namespace Streams.Tracking;

/// <summary>How the <see cref="TrackerStage"/> runs ByteTrack on a pipeline's frames.</summary>
public sealed record TrackerStageOptions
{
    private readonly int _detectionInterval = 1;
    private readonly double? _frameRate;

    /// <summary>The defaults.</summary>
    public static TrackerStageOptions Default { get; } = new();

    /// <summary>ByteTrack's thresholds and buffer. Default <see cref="ByteTrackOptions.Default"/>.</summary>
    public ByteTrackOptions ByteTrack { get; init; } = ByteTrackOptions.Default;

    /// <summary>
    /// Detection runs on frames whose sequence number is a multiple of this (DeepStream's <c>interval</c> + 1), at
    /// least 1. Default 1: every frame. A frame with objects counts as detected whatever its number, and a stage
    /// built with a <c>detectionRan</c> predicate ignores this. Other frames neither age nor match tracks.
    /// </summary>
    public int DetectionInterval
    {
        get => _detectionInterval;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _detectionInterval = value;
        }
    }

    /// <summary>
    /// The streams' frame rate, for the lost-track buffer and to turn PTS gaps into frames. Default null: measured
    /// per stream from PTS (the median gap), 30 until known or when the source gives no PTS.
    /// </summary>
    public double? FrameRate
    {
        get => _frameRate;
        init
        {
            if (value is { } v && (!(v > 0) || double.IsInfinity(v)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), v, "A frame rate must be positive.");
            }

            _frameRate = value;
        }
    }

    /// <summary>
    /// Keeps detections that got no track id (TrackId 0: below the low threshold, unmatched, or on a track not yet
    /// confirmed) in <c>Frame.Objects</c>. Default false: they are removed, as the reference outputs only confirmed
    /// tracks, and <c>Frame.Attributes</c> are re-indexed to match.
    /// </summary>
    public bool KeepUntrackedDetections { get; init; }

    /// <summary>Replaces each tracked detection's box by the Kalman-filtered box (smoother, slightly lagging). Default false.</summary>
    public bool ReportFilteredBoxes { get; init; }

    /// <summary>
    /// On frames where detection did not run, adds each confirmed track's box extrapolated from its velocity, so that
    /// displays and analytics see every frame. Default false: such frames carry no objects.
    /// </summary>
    public bool PredictSkippedFrames { get; init; }

    /// <summary>
    /// With detection on a sample of the source's frames, reports each confirmed track's box on every source frame
    /// between two of its sightings, interpolated, in <c>Frame.PastObjects</c> of the frame whose detection completed
    /// the way (DeepStream's past-frame data): late, but one box per track per source frame. Default false: only the
    /// first sighting of a track confirmed on its second one is reported there (it costs nothing and lets analytics
    /// start the track's path where it was first seen).
    /// </summary>
    public bool ReportPastFrames { get; init; }
}
