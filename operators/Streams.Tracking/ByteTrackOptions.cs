using Streams.Options;

namespace Streams.Tracking;

/// <summary>
/// ByteTrack's parameters. The defaults are the reference implementation's (ifzhang/ByteTrack, with the threshold
/// names of Ultralytics' bytetrack.yaml) except <see cref="MatchThresh"/> and <see cref="TrackBuffer"/>, and
/// <see cref="LostReach"/> is an addition. <see cref="Validate"/> holds the rules; the tracker checks them when it is made.
/// </summary>
public record ByteTrackOptions : IValidatableOptions
{

    /// <summary>The defaults.</summary>
    public static ByteTrackOptions Default { get; } = new();

    /// <summary>
    /// <c>track_high_thresh</c>: detections at or above this confidence take part in the first association, 0..1.
    /// Default 0.5. Higher trusts fewer detections to keep tracks alive on their own.
    /// </summary>
    public double TrackHighThresh { get; init; } = 0.5;

    /// <summary>
    /// <c>track_low_thresh</c>: detections at or below this are ignored; those between it and
    /// <see cref="TrackHighThresh"/> only extend tracks already being tracked (ByteTrack's second association), 0..1.
    /// Default 0.1.
    /// </summary>
    public double TrackLowThresh { get; init; } = 0.1;

    /// <summary>
    /// <c>new_track_thresh</c>: an unmatched high detection starts a track at or above this confidence, 0..1.
    /// Default 0.6 (the reference's track_thresh + 0.1). Lower starts tracks on weaker evidence.
    /// </summary>
    public double NewTrackThresh { get; init; } = 0.6;

    /// <summary>
    /// <c>track_buffer</c>: frames a lost track is kept for re-identification, counted at 30 fps and scaled to the
    /// stream's rate (<c>track_buffer * fps / 30</c>, so 30 means one second at any rate), at least 1. Default 45
    /// (the reference's 30 lets objects hidden for 1 to 1.5 s behind passing vehicles come back with new ids). Longer
    /// bridges longer occlusions but may give an old id to a new object.
    /// </summary>
    public int TrackBuffer { get; init; } = 45;

    /// <summary>
    /// <c>match_thresh</c>: the first association accepts a pair whose cost (1 - IoU × score, see
    /// <see cref="FuseScore"/>) is below this, 0..1. Default 0.9 (the reference's 0.8 needs IoU above about 0.26 at
    /// confidence 0.75, which fast or partly hidden objects miss for a frame and come back with new ids).
    /// </summary>
    public double MatchThresh { get; init; } = 0.9;

    /// <summary>The second association (low-score detections) accepts 1 - IoU below this, 0..1. Default 0.5 (fixed in the reference).</summary>
    public double LowMatchThresh { get; init; } = 0.5;

    /// <summary>An unconfirmed track accepts a remaining high detection whose cost is below this, 0..1. Default 0.7 (fixed in the reference).</summary>
    public double UnconfirmedMatchThresh { get; init; } = 0.7;

    /// <summary>
    /// A tracked and a lost track whose boxes differ by less than this IoU distance (1 - IoU) are duplicates, and the
    /// younger is dropped, 0..1. Default 0.15 (fixed in the reference).
    /// </summary>
    public double DuplicateThresh { get; init; } = 0.15;

    /// <summary>
    /// For detection on a sample of frames: when the previous update was more than one frame ago, a track in the
    /// first association (tracked or lost) or an unconfirmed track may also match a detection of its class and shape
    /// (IoU ≥ 0.5 once the centres are aligned) whose centre lies within this many box sizes (the larger side) per
    /// elapsed frame of the track's predicted centre; the similarity falls with the distance. It covers what boxes
    /// that must overlap cannot: a new track has no velocity yet, and a track that stops or turns leaves its
    /// prediction behind. 0 or more; 0 is the reference (IoU only). Default 0.4. No effect with detection on every frame.
    /// </summary>
    public double GapReach { get; init; } = 0.4;

    /// <summary>
    /// A lost track (first association) may also match a detection of its class and shape (IoU ≥ 0.5 once the centres
    /// are aligned) whose centre lies within this many box sizes (the larger side) per frame lost of the track's
    /// predicted centre; the similarity falls with the distance, so an overlapping pair is always preferred. It finds
    /// objects again after an occlusion that the prediction did not follow (the object slowed down or turned, or its
    /// velocity was misjudged while it was being hidden). 0 or more; 0 is the reference (IoU only). Default 0.2.
    /// </summary>
    public double LostReach { get; init; } = 0.2;

    /// <summary>
    /// Observation-centric recovery (OC-SORT's OCR): a track that no association matched may still take a remaining
    /// high detection whose IoU with the box the track was last measured at exceeds 1 - this, 0..1; 1 turns it off.
    /// Default 0.7 (IoU above 0.3, OC-SORT's). It finds objects that stopped while hidden, which the prediction
    /// carried on without them.
    /// </summary>
    public double RecoveryMatchThresh { get; init; } = 0.7;

    /// <summary>
    /// With detection on a sample of frames (more than one frame since the previous update), a new track from a
    /// detection at or above this confidence is confirmed at once, 0..1; 1 keeps the reference's second sighting.
    /// Default 0.7. At 5 of 30 fps a second sighting takes 0.2 s, and every delivered frame an object waits for it is a
    /// miss; frame by frame it takes 33 ms and weeds out one-frame false positives, so there it always applies.
    /// </summary>
    public double SampledConfirmThresh { get; init; } = 0.7;

    /// <summary>
    /// Multiplies IoU by the detection's confidence in the first and unconfirmed associations, so that a confident
    /// detection wins a contested track. Default true (the reference turns it off only for MOT20's crowds).
    /// </summary>
    public bool FuseScore { get; init; } = true;

    /// <summary>Every threshold in 0..1, the reaches at most 100 box sizes, the buffer at least one frame.</summary>
    public virtual void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.InRange(nameof(TrackHighThresh), TrackHighThresh, 0.0, 1.0);
        validation.InRange(nameof(TrackLowThresh), TrackLowThresh, 0.0, 1.0);
        validation.InRange(nameof(NewTrackThresh), NewTrackThresh, 0.0, 1.0);
        validation.AtLeast(nameof(TrackBuffer), TrackBuffer, 1);
        validation.InRange(nameof(MatchThresh), MatchThresh, 0.0, 1.0);
        validation.InRange(nameof(LowMatchThresh), LowMatchThresh, 0.0, 1.0);
        validation.InRange(nameof(UnconfirmedMatchThresh), UnconfirmedMatchThresh, 0.0, 1.0);
        validation.InRange(nameof(DuplicateThresh), DuplicateThresh, 0.0, 1.0);
        validation.InRange(nameof(GapReach), GapReach, 0.0, 100.0);
        validation.InRange(nameof(LostReach), LostReach, 0.0, 100.0);
        validation.InRange(nameof(RecoveryMatchThresh), RecoveryMatchThresh, 0.0, 1.0);
        validation.InRange(nameof(SampledConfirmThresh), SampledConfirmThresh, 0.0, 1.0);
    }
}
