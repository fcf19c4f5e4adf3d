using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>The <c>tracker:</c> section: ByteTrack's thresholds.</summary>
public sealed record TrackerOptions : IValidatableOptions
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

    /// <summary><c>low_match_thresh</c>: the second association (low-score detections against tracked tracks) accepts
    /// a cost 1 - IoU below this, 0..1. Default 0.5.</summary>
    public double LowMatchThresh { get; init; } = 0.5;

    /// <summary><c>unconfirmed_match_thresh</c>: an unconfirmed track accepts a remaining detection below this cost,
    /// 0..1. Default 0.7.</summary>
    public double UnconfirmedMatchThresh { get; init; } = 0.7;

    /// <summary><c>duplicate_thresh</c>: a tracked and a lost track closer than this cost (1 - IoU) are duplicates and
    /// the younger is removed, 0..1. Default 0.15.</summary>
    public double DuplicateThresh { get; init; } = 0.15;

    /// <summary><c>gap_reach</c>: after frames without detection (sampled detection), how far, in box sizes, a track
    /// may reach for its object, at least 0. Default 0.4.</summary>
    public double GapReach { get; init; } = 0.4;

    /// <summary><c>lost_reach</c>: box sizes per lost frame within which a lost track may take a same-class,
    /// same-shape detection lying in its direction of travel, at least 0; 0 matches by overlap only. Default 0.2.</summary>
    public double LostReach { get; init; } = 0.2;

    /// <summary><c>recovery_match_thresh</c>: a track no association matched takes a remaining confident detection
    /// whose IoU with the box it was last measured at exceeds 1 - this (OC-SORT's observation-centric recovery), 0..1;
    /// 1 turns it off. Default 0.7.</summary>
    public double RecoveryMatchThresh { get; init; } = 0.7;

    /// <summary><c>sampled_confirm_thresh</c>: with detection on a sample of frames, a new track from a detection at or
    /// above this confidence is confirmed at once rather than on its second sighting, 0..1; 1 turns it off. Default 0.7.</summary>
    public double SampledConfirmThresh { get; init; } = 0.7;

    /// <summary><c>fuse_score</c>: weigh IoU by detection confidence in the first association (ByteTrack's default). Default true.</summary>
    public bool FuseScore { get; init; } = true;

    /// <summary><c>past_frames</c>: with <c>detect_fps</c>, also report each track's box, interpolated, on the source
    /// frames between its detections, late, with the frame that completed the way (DeepStream's past-frame output);
    /// <c>streams eval --every-frame</c> turns it on itself. Default false.</summary>
    public bool PastFrames { get; init; }

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.InRange(nameof(TrackHighThresh), TrackHighThresh, 0.0, 1.0);
        context.InRange(nameof(TrackLowThresh), TrackLowThresh, 0.0, 1.0);
        context.InRange(nameof(NewTrackThresh), NewTrackThresh, 0.0, 1.0);
        context.AtLeast(nameof(TrackBuffer), TrackBuffer, 1);
        context.InRange(nameof(MatchThresh), MatchThresh, 0.0, 1.0);
        context.InRange(nameof(LowMatchThresh), LowMatchThresh, 0.0, 1.0);
        context.InRange(nameof(UnconfirmedMatchThresh), UnconfirmedMatchThresh, 0.0, 1.0);
        context.InRange(nameof(DuplicateThresh), DuplicateThresh, 0.0, 1.0);
        context.InRange(nameof(GapReach), GapReach, 0.0, 100.0);
        context.InRange(nameof(LostReach), LostReach, 0.0, 100.0);
        context.InRange(nameof(RecoveryMatchThresh), RecoveryMatchThresh, 0.0, 1.0);
        context.InRange(nameof(SampledConfirmThresh), SampledConfirmThresh, 0.0, 1.0);
    }
}
