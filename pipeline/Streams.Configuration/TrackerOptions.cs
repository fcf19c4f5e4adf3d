using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>The <c>tracker:</c> section: ByteTrack's thresholds.</summary>
public sealed record TrackerOptions : IValidatable
{
    /// <summary>The defaults.</summary>
    public static TrackerOptions Default { get; } = new();

    /// <summary><c>type</c>: the tracker, or <c>none</c>. Default <c>bytetrack</c>.</summary>
    public TrackerType Type { get; init; } = TrackerType.ByteTrack;

    /// <summary><c>track_high_thresh</c>: detections at or above this confidence are matched first, 0..1. Default 0.5.</summary>
    public double TrackHighThresh { get; init; } = 0.5;

    /// <summary><c>track_low_thresh</c>: detections below this confidence are ignored; between it and the high
    /// threshold they only extend existing tracks, 0..1. Default 0.1.</summary>
    public double TrackLowThresh { get; init; } = 0.1;

    /// <summary><c>new_track_thresh</c>: an unmatched detection starts a track at or above this confidence, 0..1. Default 0.6.</summary>
    public double NewTrackThresh { get; init; } = 0.6;

    /// <summary><c>track_buffer</c>: frames a lost track is kept for re-identification, counted at 30 fps (scaled to
    /// the stream's rate), at least 1. Default 45.</summary>
    public int TrackBuffer { get; init; } = 45;

    /// <summary><c>match_thresh</c>: the largest IoU cost (1 - IoU × score) accepted when matching, 0..1. Default 0.9.</summary>
    public double MatchThresh { get; init; } = 0.9;

    void IValidatable.Validate(ValidationContext context)
    {
        context.InRange(nameof(TrackHighThresh), TrackHighThresh, 0.0, 1.0);
        context.InRange(nameof(TrackLowThresh), TrackLowThresh, 0.0, 1.0);
        context.InRange(nameof(NewTrackThresh), NewTrackThresh, 0.0, 1.0);
        context.AtLeast(nameof(TrackBuffer), TrackBuffer, 1);
        context.InRange(nameof(MatchThresh), MatchThresh, 0.0, 1.0);
    }
}
