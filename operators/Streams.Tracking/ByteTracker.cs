using Streams.Options;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Streams.Runtime;
using Streams.Tracking.Internal;

namespace Streams.Tracking;

/// <summary>
/// ByteTrack for one stream: give it each frame's detections where detection ran, with the frame's number at the
/// stream's rate, and it writes each detection's <see cref="DetectedObject.TrackId"/>.
/// </summary>
/// <remarks>
/// <para>Follows the reference (ifzhang/ByteTrack <c>byte_tracker.py</c>): Kalman prediction of tracked and lost
/// tracks; a first association of high-score detections with tracked and lost tracks on IoU fused with the score; a
/// second association of low-score detections with the still-unmatched tracked tracks on IoU; unconfirmed tracks
/// matched with the remaining high detections; new tracks from what is left above the new-track threshold; lost
/// tracks dropped after the buffer; duplicates between tracked and lost tracks resolved in favour of the older.</para>
/// <para>Differences, all deliberate: association is within a class (a pair of different classes is never matched),
/// so an id never changes class; an id is given when a track is confirmed, so ids are dense (1, 2, 3, ...) and, with
/// detection on every frame, never spent on a one-frame false positive (after a gap in detection a confident new
/// detection is confirmed at once, see <see cref="ByteTrackOptions.SampledConfirmThresh"/>); time is counted in
/// frames at the stream's rate rather than in calls, so
/// that detection on a sample of frames predicts and ages tracks correctly (pass frame numbers with gaps); and after
/// such a gap a track may also match a same-shaped detection within <see cref="ByteTrackOptions.GapReach"/> of its
/// prediction, since boxes far apart in time need not overlap (no effect with detection on every frame). Boxes cut
/// by the frame's border (see <see cref="SetFrameSize"/>) do not drive a track's size or its velocity, and a track's
/// box is cut by the frame before it is compared with detections. A lost track may also match a detection of its
/// shape within <see cref="ByteTrackOptions.LostReach"/> per frame lost of its prediction, in the direction it was
/// going (OC-SORT's direction consistency), which finds objects whose motion the prediction lost during an
/// occlusion. From OC-SORT as well: a track no association matched may take a remaining detection on the box it was
/// last measured at (observation-centric recovery, <see cref="ByteTrackOptions.RecoveryMatchThresh"/>), and a lost
/// track found again after a gap in detection re-runs its filter along the straight way it went (observation-centric
/// re-update; frame by frame it cost the yard sample 0.01 of IDF1 and is left out there). After a gap,
/// a detection far smaller or larger than its track (partly hidden, or merged with a neighbour by the detector) is
/// measured at the track's own size. Each update lists the way each track went since its previous observation
/// (<see cref="Steps"/>).</para>
/// <para>Steady state allocates nothing: tracks are pooled and the work arrays are reused. Not thread-safe; the
/// tracker stage keeps one per stream on its own task.</para>
/// </remarks>
public sealed class ByteTracker
{
    private readonly float _highThresh;
    private readonly float _lowThresh;
    private readonly float _newThresh;
    private readonly float _matchThresh;
    private readonly float _lowMatchThresh;
    private readonly float _unconfirmedMatchThresh;
    private readonly float _duplicateThresh;
    private readonly float _gapReach;
    private readonly float _lostReach;
    private readonly float _recoveryMatchThresh;
    private readonly float _sampledConfirmThresh;
    private readonly bool _fuseScore;
    private readonly int _trackBuffer;
    private readonly LinearAssignment _solver = new();
    private readonly Stack<Track> _spare = new();

    private List<Track> _tracked = new(64);
    private List<Track> _lost = new(64);
    private List<Track> _nextTracked = new(64);
    private List<Track> _nextLost = new(64);
    private readonly List<Track> _candidates = new(64);
    private readonly List<Track> _unconfirmed = new(16);
    private readonly List<Track> _remaining = new(64);
    private readonly List<Track> _refound = new(16);
    private readonly List<Track> _started = new(16);
    private readonly List<Track> _newlyLost = new(16);
    private readonly List<Track> _recovering = new(16);
    private readonly List<TrackStep> _steps = new(64);

    private int[] _high = new int[64];
    private int[] _low = new int[64];
    private int[] _highLeft = new int[64];
    private int[] _rowMatch = new int[64];
    private int[] _colMatch = new int[64];
    private float[] _sortLefts = new float[64];
    private int[] _sortCols = new int[64];
    private long _nextId = 1;
    private long _frame;
    private bool _hasRun;
    private double _frameRate = FrameClock.DefaultFrameRate;
    private int _maxTimeLost;
    private float _frameWidth;
    private float _frameHeight;

    /// <summary>How near a border (pixels) a box edge must be to count as cut by it.</summary>
    private const float EdgeMargin = 1;

    /// <summary>Creates a tracker for a stream of <paramref name="frameRate"/> frames per second.</summary>
    public ByteTracker(ByteTrackOptions? options = null, double frameRate = FrameClock.DefaultFrameRate)
    {
        options ??= ByteTrackOptions.Default;
        OptionsValidator.ThrowIfInvalid(options, nameof(options));
        _highThresh = (float)options.TrackHighThresh;
        _lowThresh = (float)options.TrackLowThresh;
        _newThresh = (float)options.NewTrackThresh;
        _matchThresh = (float)options.MatchThresh;
        _lowMatchThresh = (float)options.LowMatchThresh;
        _unconfirmedMatchThresh = (float)options.UnconfirmedMatchThresh;
        _duplicateThresh = (float)options.DuplicateThresh;
        _gapReach = (float)options.GapReach;
        _lostReach = (float)options.LostReach;
        _recoveryMatchThresh = (float)options.RecoveryMatchThresh;
        _sampledConfirmThresh = (float)options.SampledConfirmThresh;
        _fuseScore = options.FuseScore;
        _trackBuffer = options.TrackBuffer;
        FrameRate = frameRate;
    }

    /// <summary>
    /// The stream's rate: a lost track is kept for <c>track_buffer * FrameRate / 30</c> frames (the reference's
    /// buffer_size). Changing it applies from the next update.
    /// </summary>
    public double FrameRate
    {
        get => _frameRate;
        set
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A frame rate must be positive.");
            }

            _frameRate = value;
            _maxTimeLost = Math.Max(1, (int)(value / 30.0 * _trackBuffer));
        }
    }

    /// <summary>
    /// The frame's size in pixels, or 0 where not known. Boxes at a border of the frame are cut by it: their size there
    /// says how much of the object is in view, not how big it is, so it does not drive the track's size and velocity,
    /// and a track's box is cut by the frame before its overlap with detections is measured. The left and top borders
    /// (0) are known without it. The tracker stage sets it from each frame.
    /// </summary>
    public void SetFrameSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        _frameWidth = width;
        _frameHeight = height;
    }

    /// <summary>Frames a lost track survives without a match (the reference's max_time_lost).</summary>
    public int MaxTimeLost => _maxTimeLost;

    /// <summary>Writes the Kalman-filtered box instead of the detector's into matched detections. Default false.</summary>
    public bool ReportFilteredBoxes { get; set; }

    /// <summary>Tracks being tracked, confirmed or not.</summary>
    public int TrackedCount => _tracked.Count;

    /// <summary>Tracks lost and waiting for re-identification.</summary>
    public int LostCount => _lost.Count;

    /// <summary>
    /// The steps of the latest update: for each confirmed track it matched that had been observed before, the way from
    /// its previous observation to this one. Valid until the next update.
    /// </summary>
    public ReadOnlySpan<TrackStep> Steps => CollectionsMarshal.AsSpan(_steps);

    /// <summary>The id the next confirmed track will get; ids start at 1.</summary>
    public long NextId => _nextId;

    /// <summary>
    /// Associates one frame's detections with the tracks and writes each detection's track id: the id of a
    /// confirmed track it matched, or 0 (below the low threshold, unmatched, or matched to a track not confirmed yet).
    /// </summary>
    /// <param name="detections">The detections of the frame, in source pixels; their TrackId is overwritten.</param>
    /// <param name="frame">
    /// The frame's number at the stream's rate. Frames without detection are skipped by passing the next number that
    /// had detection: at 5 of 30 fps, 0, 6, 12, ... A number not above the previous one counts as the next frame.
    /// </param>
    public void Update(Span<DetectedObject> detections, long frame)
    {
        bool firstUpdate = !_hasRun;
        if (_hasRun && frame <= _frame)
        {
            frame = _frame + 1;
        }

        // Frames since the previous update: more than 1 when detection skips frames.
        long gap = firstUpdate ? 1 : frame - _frame;
        float reach = gap > 1 ? _gapReach * gap : 0;

        _hasRun = true;
        _frame = frame;

        int count = detections.Length;
        EnsureCapacity(ref _high, count);
        EnsureCapacity(ref _low, count);
        EnsureCapacity(ref _highLeft, count);
        int highCount = 0;
        int lowCount = 0;
        for (int i = 0; i < count; i++)
        {
            ref DetectedObject d = ref detections[i];
            d.TrackId = 0;
            float score = d.Confidence;
            if (score >= _highThresh)
            {
                _high[highCount++] = i;
            }
            else if (score > _lowThresh)
            {
                _low[lowCount++] = i;
            }
        }

        // Step 1: split confirmed from unconfirmed, and predict every track to this frame.
        _candidates.Clear();
        _unconfirmed.Clear();
        foreach (Track t in _tracked)
        {
            t.DetectionIndex = -1;
            t.PredictTo(frame);
            (t.IsActivated ? _candidates : _unconfirmed).Add(t);
        }

        foreach (Track t in _lost)
        {
            t.DetectionIndex = -1;
            t.PredictTo(frame);
            _candidates.Add(t);
        }

        // Step 2: high-score detections against tracked and lost tracks.
        _refound.Clear();
        Associate(_candidates, detections, _high, highCount, _matchThresh, _fuseScore, reach);
        _remaining.Clear();
        for (int r = 0; r < _candidates.Count; r++)
        {
            Track t = _candidates[r];
            int slot = _rowMatch[r];
            if (slot >= 0)
            {
                bool wasLost = t.Phase == TrackPhase.Lost;
                t.Match(detections[_high[slot]], _high[slot], frame, reactivate: wasLost, EdgesOf(detections[_high[slot]].Box), reupdate: gap > 1);
                if (wasLost)
                {
                    _refound.Add(t);
                }
            }
            else if (t.Phase == TrackPhase.Tracked)
            {
                _remaining.Add(t);
            }
        }

        int highLeftCount = 0;
        for (int c = 0; c < highCount; c++)
        {
            if (_colMatch[c] < 0)
            {
                _highLeft[highLeftCount++] = _high[c];
            }
        }

        // Step 3: low-score detections against the tracked tracks still unmatched; IoU only.
        _newlyLost.Clear();
        Associate(_remaining, detections, _low, lowCount, _lowMatchThresh, fuse: false, reach: 0);
        for (int r = 0; r < _remaining.Count; r++)
        {
            Track t = _remaining[r];
            int slot = _rowMatch[r];
            if (slot >= 0)
            {
                t.Match(detections[_low[slot]], _low[slot], frame, reactivate: false, EdgesOf(detections[_low[slot]].Box));
            }
            else
            {
                t.Phase = TrackPhase.Lost;
                _newlyLost.Add(t);
            }
        }

        // Observation-centric recovery (OC-SORT): tracks missed so far against the high detections left over, by the
        // overlap with the box they were last measured at. It finds an object that stopped while hidden, or whose
        // prediction ran off with a velocity misjudged from a partial view.
        // Each track once: those lost just now (step 3), then those lost before this update and still unmatched.
        _recovering.Clear();
        _recovering.AddRange(_newlyLost);
        foreach (Track t in _lost)
        {
            if (t.Phase == TrackPhase.Lost)
            {
                _recovering.Add(t);
            }
        }

        if (_recoveryMatchThresh < 1 && _recovering.Count > 0 && highLeftCount > 0)
        {
            Associate(_recovering, detections, _highLeft, highLeftCount, _recoveryMatchThresh, fuse: false, reach: 0, byLastMeasured: true);
            for (int r = 0; r < _recovering.Count; r++)
            {
                Track t = _recovering[r];
                int slot = _rowMatch[r];
                if (slot < 0)
                {
                    continue;
                }

                int index = _highLeft[slot];
                bool wasLost = !_newlyLost.Remove(t);
                t.Match(detections[index], index, frame, reactivate: wasLost, EdgesOf(detections[index].Box), reupdate: gap > 1);
                if (wasLost)
                {
                    _refound.Add(t);
                }
            }

            int kept = 0;
            for (int c = 0; c < highLeftCount; c++)
            {
                if (_colMatch[c] < 0)
                {
                    _highLeft[kept++] = _highLeft[c];
                }
            }

            highLeftCount = kept;
        }

        // Unconfirmed tracks (seen once) against the high detections left over; a miss removes them.
        Associate(_unconfirmed, detections, _highLeft, highLeftCount, _unconfirmedMatchThresh, _fuseScore, reach);
        for (int r = 0; r < _unconfirmed.Count; r++)
        {
            Track t = _unconfirmed[r];
            int slot = _rowMatch[r];
            if (slot >= 0)
            {
                t.Match(detections[_highLeft[slot]], _highLeft[slot], frame, reactivate: false, EdgesOf(detections[_highLeft[slot]].Box));
                t.IsActivated = true;
                t.ConfirmedNow = true;
                t.Id = _nextId++;
            }
            else
            {
                t.Phase = TrackPhase.Removed;
            }
        }

        // Step 4: new tracks from confident detections nobody took. Born confirmed on the first update, and after a gap
        // in detection when confident enough: waiting for a second sample costs a sampled stream a whole interval of
        // each object (a miss on every delivered frame it waits, and a crossing in that time judged from nothing).
        _started.Clear();
        for (int c = 0; c < highLeftCount; c++)
        {
            if (_colMatch[c] >= 0)
            {
                continue;
            }

            int index = _highLeft[c];
            ref DetectedObject d = ref detections[index];
            if (d.Confidence < _newThresh)
            {
                continue;
            }

            Track t = _spare.Count > 0 ? _spare.Pop() : new Track();
            bool confirmNow = firstUpdate || (gap > 1 && d.Confidence >= _sampledConfirmThresh);
            t.Start(d.Box, d.ClassId, d.Confidence, frame, confirmNow ? _nextId++ : 0, EdgesOf(d.Box) != FrameEdges.None);
            t.DetectionIndex = index;
            _started.Add(t);
        }

        // Step 5: age lost tracks out (including any lost now after a gap longer than the buffer).
        foreach (Track t in _lost)
        {
            if (t.Phase == TrackPhase.Lost && frame - t.LastFrame > _maxTimeLost)
            {
                t.Phase = TrackPhase.Removed;
            }
        }

        foreach (Track t in _newlyLost)
        {
            if (frame - t.LastFrame > _maxTimeLost)
            {
                t.Phase = TrackPhase.Removed;
            }
        }

        RebuildLists();
        RemoveDuplicates();

        _steps.Clear();
        foreach (Track t in _tracked)
        {
            if (t.IsActivated && t.DetectionIndex >= 0 && t.LastFrame == frame)
            {
                ref DetectedObject d = ref detections[t.DetectionIndex];
                Debug.Assert(d.ClassId == t.ClassId, "Association is within a class.");
                d.TrackId = t.Id;
                if (t.PriorFrame < frame)
                {
                    _steps.Add(new TrackStep(t.Id, t.ClassId, d.Confidence, t.PriorFrame, t.PriorObserved, frame, d.Box, !t.ConfirmedNow));
                }

                t.ConfirmedNow = false;
                if (ReportFilteredBoxes)
                {
                    d.Box = t.Box;
                }
            }
        }
    }

    /// <summary>
    /// Adds, for a frame where detection did not run, each confirmed tracked track's box extrapolated to
    /// <paramref name="frame"/>, with its id, class and last score. The tracks are not changed.
    /// </summary>
    /// <returns>The number of objects added.</returns>
    public int AppendPredictions(List<DetectedObject> output, long frame)
    {
        ArgumentNullException.ThrowIfNull(output);
        int added = 0;
        foreach (Track t in _tracked)
        {
            if (t.IsActivated && t.Phase == TrackPhase.Tracked)
            {
                output.Add(new DetectedObject(t.Extrapolate(Math.Max(frame, t.StateFrame)), t.ClassId, t.Score) { TrackId = t.Id });
                added++;
            }
        }

        return added;
    }

    /// <summary>Closes every track and starts over: the next update is a first update and ids start at 1 again.</summary>
    public void Reset()
    {
        foreach (Track t in _tracked)
        {
            _spare.Push(t);
        }

        foreach (Track t in _lost)
        {
            _spare.Push(t);
        }

        _tracked.Clear();
        _lost.Clear();
        _steps.Clear();
        _nextId = 1;
        _frame = 0;
        _hasRun = false;
    }

    private void RebuildLists()
    {
        // Tracked: the previous tracked ones still tracked, then the new tracks, then the re-found (reference order).
        _nextTracked.Clear();
        foreach (Track t in _tracked)
        {
            if (t.Phase == TrackPhase.Tracked)
            {
                _nextTracked.Add(t);
            }
            else if (t.Phase == TrackPhase.Removed)
            {
                _spare.Push(t);
            }
        }

        _nextTracked.AddRange(_started);
        _nextTracked.AddRange(_refound);

        // Lost: the previous lost ones still lost, then the newly lost.
        _nextLost.Clear();
        foreach (Track t in _lost)
        {
            if (t.Phase == TrackPhase.Lost)
            {
                _nextLost.Add(t);
            }
            else if (t.Phase == TrackPhase.Removed)
            {
                _spare.Push(t);
            }
        }

        foreach (Track t in _newlyLost)
        {
            if (t.Phase == TrackPhase.Lost)
            {
                _nextLost.Add(t);
            }
            else
            {
                _spare.Push(t);
            }
        }

        (_tracked, _nextTracked) = (_nextTracked, _tracked);
        (_lost, _nextLost) = (_nextLost, _lost);
    }

    /// <summary>
    /// A tracked and a lost track of one class on the same spot: the one tracked for less time goes (the reference's
    /// rule; tracks of different classes may overlap, as a person beside a car does).
    /// </summary>
    private void RemoveDuplicates()
    {
        if (_tracked.Count == 0 || _lost.Count == 0)
        {
            return;
        }

        bool any = false;
        foreach (Track p in _tracked)
        {
            foreach (Track q in _lost)
            {
                if (p.ClassId == q.ClassId && 1 - p.Box.IntersectionOverUnion(q.Box) < _duplicateThresh)
                {
                    long ageP = p.LastFrame - p.StartFrame;
                    long ageQ = q.LastFrame - q.StartFrame;
                    (ageP > ageQ ? q : p).IsDuplicate = true;
                    any = true;
                }
            }
        }

        if (!any)
        {
            return;
        }

        Compact(_tracked);
        Compact(_lost);
    }

    private void Compact(List<Track> tracks)
    {
        int kept = 0;
        for (int i = 0; i < tracks.Count; i++)
        {
            Track t = tracks[i];
            if (t.IsDuplicate)
            {
                t.IsDuplicate = false;
                t.Phase = TrackPhase.Removed;
                _spare.Push(t);
            }
            else
            {
                tracks[kept++] = t;
            }
        }

        tracks.RemoveRange(kept, tracks.Count - kept);
    }

    /// <summary>
    /// Matches <paramref name="tracks"/> (rows) with the detections at <paramref name="slots"/> (columns), within a class;
    /// leaves the result in <see cref="_rowMatch"/> and <see cref="_colMatch"/> (slot or track index, or -1).
    /// </summary>
    /// <remarks>
    /// Only overlapping pairs can match (cost 1 - IoU × score is 1 otherwise, at or above every threshold), so the
    /// detections are sorted by left edge and each track looks only at those that can overlap it in x: the candidate
    /// pairs go to the solver as a sparse problem. A <paramref name="reach"/> (box sizes; after a gap in detection)
    /// widens the look by that many box sizes (see <see cref="ByteTrackOptions.GapReach"/>), as does a lost track's
    /// time lost (see <see cref="ByteTrackOptions.LostReach"/>). A track's box is cut by the frame first.
    /// </remarks>
    private void Associate(List<Track> tracks, Span<DetectedObject> detections, int[] slots, int slotCount, float thresh, bool fuse, float reach, bool byLastMeasured = false)
    {
        int rows = tracks.Count;
        int cols = slotCount;
        EnsureCapacity(ref _rowMatch, rows);
        EnsureCapacity(ref _colMatch, cols);
        if (rows == 0 || cols == 0)
        {
            _rowMatch.AsSpan(0, rows).Fill(-1);
            _colMatch.AsSpan(0, cols).Fill(-1);
            return;
        }

        EnsureCapacity(ref _sortLefts, cols);
        EnsureCapacity(ref _sortCols, cols);
        float maxWidth = 0;
        for (int c = 0; c < cols; c++)
        {
            BoxF box = detections[slots[c]].Box;
            _sortLefts[c] = box.Left;
            _sortCols[c] = c;
            maxWidth = MathF.Max(maxWidth, box.Width);
        }

        Array.Sort(_sortLefts, _sortCols, 0, cols);
        _solver.ClearEdges();
        for (int r = 0; r < rows; r++)
        {
            Track t = tracks[r];
            BoxF box = CutByFrame(byLastMeasured ? t.LastMeasured : t.Box);
            int classId = t.ClassId;
            float radius = reach * MathF.Max(box.Width, box.Height);
            if (t.Phase == TrackPhase.Lost && _lostReach > 0 && !byLastMeasured)
            {
                // Only the first association sees lost tracks.
                radius = MathF.Max(radius, _lostReach * (_frame - t.LastFrame) * MathF.Max(box.Width, box.Height));
            }

            int k = LowerBound(_sortLefts, cols, box.Left - maxWidth - radius);
            for (; k < cols && _sortLefts[k] < box.Right + radius; k++)
            {
                int c = _sortCols[k];
                ref DetectedObject d = ref detections[slots[c]];
                if (d.ClassId != classId)
                {
                    continue;
                }

                float similarity = box.IntersectionOverUnion(d.Box);
                if (radius > 0)
                {
                    float reached = ReachSimilarity(box, d.Box, radius);
                    if (reached > similarity && t.Phase == TrackPhase.Lost)
                    {
                        // Reaching for a lost track: only along the way it was going.
                        reached *= DirectionAgreement(t, d.Box);
                    }

                    similarity = MathF.Max(similarity, reached);
                }

                float cost = 1 - (fuse ? similarity * d.Confidence : similarity);
                if (similarity > 0 && cost < thresh)
                {
                    _solver.AddEdge(r, c, cost);
                }
            }
        }

        _solver.SolveEdges(rows, cols, thresh, _rowMatch, _colMatch);
    }

    /// <summary>
    /// After a gap in detection: the boxes' shape agreement (IoU with the centres aligned, 0 below 0.5) times how
    /// little of <paramref name="radius"/> the detection's centre is from the track's; 0 beyond it.
    /// </summary>
    private static float ReachSimilarity(BoxF track, BoxF detection, float radius)
    {
        float dx = (detection.Left + (detection.Width / 2)) - (track.Left + (track.Width / 2));
        float dy = (detection.Top + (detection.Height / 2)) - (track.Top + (track.Height / 2));
        float distance = MathF.Sqrt((dx * dx) + (dy * dy));
        if (distance >= radius)
        {
            return 0;
        }

        // Shapes must agree as well as a match of IoU 0.5 would.
        const float minShape = 0.5f;
        float shape = new BoxF(track.Left + dx, track.Top + dy, track.Width, track.Height).IntersectionOverUnion(detection);
        return shape < minShape ? 0 : shape * (1 - (distance / radius));
    }

    /// <summary>The borders of the frame that <paramref name="box"/> touches.</summary>
    private FrameEdges EdgesOf(BoxF box)
    {
        FrameEdges edges = FrameEdges.None;
        if (box.Left <= EdgeMargin)
        {
            edges |= FrameEdges.Left;
        }

        if (box.Top <= EdgeMargin)
        {
            edges |= FrameEdges.Top;
        }

        if (_frameWidth > 0 && box.Right >= _frameWidth - EdgeMargin)
        {
            edges |= FrameEdges.Right;
        }

        if (_frameHeight > 0 && box.Bottom >= _frameHeight - EdgeMargin)
        {
            edges |= FrameEdges.Bottom;
        }

        return edges;
    }

    /// <summary>
    /// A track's box with what lies outside the frame cut off, as the detector cuts the boxes it reports; unchanged
    /// when that would leave nothing.
    /// </summary>
    private BoxF CutByFrame(BoxF box)
    {
        float right = _frameWidth > 0 ? MathF.Min(box.Right, _frameWidth) : box.Right;
        float bottom = _frameHeight > 0 ? MathF.Min(box.Bottom, _frameHeight) : box.Bottom;
        float left = MathF.Max(box.Left, 0);
        float top = MathF.Max(box.Top, 0);
        return right > left && bottom > top ? BoxF.FromCorners(left, top, right, bottom) : box;
    }

    /// <summary>
    /// How well the way from a lost track's last observed box to <paramref name="detection"/> agrees with the track's
    /// velocity (OC-SORT's direction consistency): 1 along it, falling to 0 across it and against it.
    /// </summary>
    private static float DirectionAgreement(Track t, BoxF detection)
    {
        double vx = t.Mean[4];
        double vy = t.Mean[5];
        double speed = Math.Sqrt((vx * vx) + (vy * vy));
        BoxF last = t.LastObserved;
        double dx = (detection.Left + (detection.Width / 2.0)) - (last.Left + (last.Width / 2.0));
        double dy = (detection.Top + (detection.Height / 2.0)) - (last.Top + (last.Height / 2.0));
        double distance = Math.Sqrt((dx * dx) + (dy * dy));
        if (speed < 0.5 || distance < 0.25 * Math.Max(last.Width, last.Height))
        {
            return 1;
        }

        double cos = ((vx * dx) + (vy * dy)) / (speed * distance);
        return (float)Math.Max(0, cos);
    }

    /// <summary>The first index in the sorted <paramref name="keys"/>[0..count) whose key is not below <paramref name="value"/>.</summary>
    private static int LowerBound(float[] keys, int count, float value)
    {
        int lo = 0;
        int hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void EnsureCapacity<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
