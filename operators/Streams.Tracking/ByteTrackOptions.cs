namespace Streams.Tracking;

/// <summary>
/// ByteTrack's parameters. The defaults are the reference implementation's (ifzhang/ByteTrack, with the threshold
/// names of Ultralytics' bytetrack.yaml) except <see cref="MatchThresh"/> and <see cref="TrackBuffer"/>, and
/// <see cref="LostReach"/> is an addition; each setter validates its value.
/// </summary>
public sealed record ByteTrackOptions
{
    private readonly double _trackHighThresh = 0.5;
    private readonly double _trackLowThresh = 0.1;
    private readonly double _newTrackThresh = 0.6;
    private readonly int _trackBuffer = 45;
    private readonly double _matchThresh = 0.9;
    private readonly double _lowMatchThresh = 0.5;
    private readonly double _unconfirmedMatchThresh = 0.7;
    private readonly double _duplicateThresh = 0.15;
    private readonly double _gapReach = 0.4;
    private readonly double _lostReach = 0.2;
    private readonly double _recoveryMatchThresh = 0.7;
    private readonly double _sampledConfirmThresh = 0.7;

    /// <summary>The defaults.</summary>
    public static ByteTrackOptions Default { get; } = new();

    /// <summary>
    /// <c>track_high_thresh</c>: detections at or above this confidence take part in the first association, 0..1.
    /// Default 0.5. Higher trusts fewer detections to keep tracks alive on their own.
    /// </summary>
    public double TrackHighThresh { get => _trackHighThresh; init => _trackHighThresh = Probability(value); }

    /// <summary>
    /// <c>track_low_thresh</c>: detections at or below this are ignored; those between it and
    /// <see cref="TrackHighThresh"/> only extend tracks already being tracked (ByteTrack's second association), 0..1.
    /// Default 0.1.
    /// </summary>
    public double TrackLowThresh { get => _trackLowThresh; init => _trackLowThresh = Probability(value); }

    /// <summary>
    /// <c>new_track_thresh</c>: an unmatched high detection starts a track at or above this confidence, 0..1.
    /// Default 0.6 (the reference's track_thresh + 0.1). Lower starts tracks on weaker evidence.
    /// </summary>
    public double NewTrackThresh { get => _newTrackThresh; init => _newTrackThresh = Probability(value); }

    /// <summary>
    /// <c>track_buffer</c>: frames a lost track is kept for re-identification, counted at 30 fps and scaled to the
    /// stream's rate (<c>track_buffer * fps / 30</c>, so 30 means one second at any rate), at least 1. Default 45
    /// (the reference's 30 lets objects hidden for 1 to 1.5 s behind passing vehicles come back with new ids). Longer
    /// bridges longer occlusions but may give an old id to a new object.
    /// </summary>
    public int TrackBuffer
    {
        get => _trackBuffer;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _trackBuffer = value;
        }
    }

    /// <summary>
    /// <c>match_thresh</c>: the first association accepts a pair whose cost (1 - IoU × score, see
    /// <see cref="FuseScore"/>) is below this, 0..1. Default 0.9 (the reference's 0.8 needs IoU above about 0.26 at
    /// confidence 0.75, which fast or partly hidden objects miss for a frame and come back with new ids).
    /// </summary>
    public double MatchThresh { get => _matchThresh; init => _matchThresh = Probability(value); }

    /// <summary>The second association (low-score detections) accepts 1 - IoU below this, 0..1. Default 0.5 (fixed in the reference).</summary>
    public double LowMatchThresh { get => _lowMatchThresh; init => _lowMatchThresh = Probability(value); }

    /// <summary>An unconfirmed track accepts a remaining high detection whose cost is below this, 0..1. Default 0.7 (fixed in the reference).</summary>
    public double UnconfirmedMatchThresh { get => _unconfirmedMatchThresh; init => _unconfirmedMatchThresh = Probability(value); }

    /// <summary>
    /// A tracked and a lost track whose boxes differ by less than this IoU distance (1 - IoU) are duplicates, and the
    /// younger is dropped, 0..1. Default 0.15 (fixed in the reference).
    /// </summary>
    public double DuplicateThresh { get => _duplicateThresh; init => _duplicateThresh = Probability(value); }

    /// <summary>
    /// For detection on a sample of frames: when the previous update was more than one frame ago, a track in the
    /// first association (tracked or lost) or an unconfirmed track may also match a detection of its class and shape
    /// (IoU ≥ 0.5 once the centres are aligned) whose centre lies within this many box sizes (the larger side) per
    /// elapsed frame of the track's predicted centre; the similarity falls with the distance. It covers what boxes
    /// that must overlap cannot: a new track has no velocity yet, and a track that stops or turns leaves its
    /// prediction behind. 0 or more; 0 is the reference (IoU only). Default 0.4. No effect with detection on every frame.
    /// </summary>
    public double GapReach
    {
        get => _gapReach;
        init
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The reach must be a finite number of box sizes, 0 or more.");
            }

            _gapReach = value;
        }
    }

    /// <summary>
    /// A lost track (first association) may also match a detection of its class and shape (IoU ≥ 0.5 once the centres
    /// are aligned) whose centre lies within this many box sizes (the larger side) per frame lost of the track's
    /// predicted centre; the similarity falls with the distance, so an overlapping pair is always preferred. It finds
    /// objects again after an occlusion that the prediction did not follow (the object slowed down or turned, or its
    /// velocity was misjudged while it was being hidden). 0 or more; 0 is the reference (IoU only). Default 0.2.
    /// </summary>
    public double LostReach
    {
        get => _lostReach;
        init
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The reach must be a finite number of box sizes, 0 or more.");
            }

            _lostReach = value;
        }
    }

    /// <summary>
    /// Observation-centric recovery (OC-SORT's OCR): a track that no association matched may still take a remaining
    /// high detection whose IoU with the box the track was last measured at exceeds 1 - this, 0..1; 1 turns it off.
    /// Default 0.7 (IoU above 0.3, OC-SORT's). It finds objects that stopped while hidden, which the prediction
    /// carried on without them.
    /// </summary>
    public double RecoveryMatchThresh { get => _recoveryMatchThresh; init => _recoveryMatchThresh = Probability(value); }

    /// <summary>
    /// With detection on a sample of frames (more than one frame since the previous update), a new track from a
    /// detection at or above this confidence is confirmed at once, 0..1; 1 keeps the reference's second sighting.
    /// Default 0.7. At 5 of 30 fps a second sighting takes 0.2 s, and every delivered frame an object waits for it is a
    /// miss; frame by frame it takes 33 ms and weeds out one-frame false positives, so there it always applies.
    /// </summary>
    public double SampledConfirmThresh { get => _sampledConfirmThresh; init => _sampledConfirmThresh = Probability(value); }

    /// <summary>
    /// Multiplies IoU by the detection's confidence in the first and unconfirmed associations, so that a confident
    /// detection wins a contested track. Default true (the reference turns it off only for MOT20's crowds).
    /// </summary>
    public bool FuseScore { get; init; } = true;

    private static double Probability(double value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        // Written so that NaN fails too.
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "A threshold must lie in 0..1.");
        }

        return value;
    }
}
