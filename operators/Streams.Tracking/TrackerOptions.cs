using Streams.Options;

namespace Streams.Tracking;

/// <summary>
/// The <c>tracker:</c> section, and how the <see cref="TrackerStage"/> runs ByteTrack on a pipeline's frames:
/// ByteTrack's own parameters (inherited from <see cref="ByteTrackOptions"/>, which the tracker itself takes) and the
/// stage's. Each property's YAML key is its name in snake_case.
/// </summary>
public sealed record TrackerOptions : ByteTrackOptions
{
    /// <summary>The defaults.</summary>
    public static new TrackerOptions Default { get; } = new();

    /// <summary><c>type</c>: the tracker, or <c>none</c> for no tracking. Default <c>bytetrack</c>.</summary>
    public TrackerType Type { get; init; } = TrackerType.ByteTrack;

    /// <summary>
    /// Detection runs on frames whose sequence number is a multiple of this (DeepStream's <c>interval</c> + 1), at
    /// least 1. Default 1: every frame. A frame with objects counts as detected whatever its number, and a stage
    /// built with a <c>detectionRan</c> predicate ignores this. Other frames neither age nor match tracks. Not a key:
    /// a pipeline samples detection in its sources (<c>detect_fps</c>).
    /// </summary>
    [ConfigIgnore]
    public int DetectionInterval { get; init; } = 1;

    /// <summary>
    /// <c>frame_rate</c>: the streams' frame rate, for the lost-track buffer and to turn PTS gaps into frames, greater
    /// than 0. Default null: measured per stream from PTS (the median gap), 30 until known or when the source gives no PTS.
    /// </summary>
    public double? FrameRate { get; init; }

    /// <summary>
    /// <c>keep_untracked_detections</c>: keeps detections that got no track id (TrackId 0: below the low threshold,
    /// unmatched, or on a track not yet confirmed) in <c>Frame.Objects</c>. Default false: they are removed, as the
    /// reference outputs only confirmed tracks, and <c>Frame.Attributes</c> are re-indexed to match.
    /// </summary>
    public bool KeepUntrackedDetections { get; init; }

    /// <summary><c>report_filtered_boxes</c>: replaces each tracked detection's box by the Kalman-filtered box
    /// (smoother, slightly lagging). Default false.</summary>
    public bool ReportFilteredBoxes { get; init; }

    /// <summary>
    /// <c>predict_skipped_frames</c>: on frames where detection did not run, adds each confirmed track's box
    /// extrapolated from its velocity, so that displays and analytics see every frame. Default false: such frames
    /// carry no objects.
    /// </summary>
    public bool PredictSkippedFrames { get; init; }

    /// <summary>
    /// <c>past_frames</c>: with detection on a sample of the source's frames (<c>detect_fps</c>), reports each
    /// confirmed track's box on every source frame between two of its sightings, interpolated, in
    /// <c>Frame.PastObjects</c> of the frame whose detection completed the way (DeepStream's past-frame data): late, but
    /// one box per track per source frame; <c>streams eval --every-frame</c> turns it on itself. Default false: only the
    /// first sighting of a track confirmed on its second one is reported there (it costs nothing and lets analytics
    /// start the track's path where it was first seen).
    /// </summary>
    public bool PastFrames { get; init; }

    /// <inheritdoc />
    public override void Validate(OptionsValidation validation)
    {
        base.Validate(validation);
        validation.AtLeast(nameof(DetectionInterval), DetectionInterval, 1);
        // Written so that NaN fails too; 1000 fps is above any camera a pipeline tracks.
        if (FrameRate is { } rate && !(rate > 0 && rate <= 1000))
        {
            validation.Error(nameof(FrameRate), $"must be greater than 0 and at most 1000, got {validation.Show(nameof(FrameRate), rate)}");
        }
    }
}
