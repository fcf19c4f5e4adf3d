using Streams.Runtime;

namespace Streams.Tracking.Internal;

/// <summary>One ByteTrack track (the reference's STrack): Kalman state, identity and bookkeeping. Pooled per tracker.</summary>
internal sealed class Track
{
    /// <summary>Most single predictions run for one gap; a longer gap (a stalled stream) ages every track out anyway.</summary>
    private const long MaxPredictSteps = 1024;

    /// <summary>x, y, a, h and their velocities.</summary>
    public readonly double[] Mean = new double[KalmanFilter.StateSize];

    /// <summary>8x8 row-major covariance.</summary>
    public readonly double[] Covariance = new double[KalmanFilter.StateSize * KalmanFilter.StateSize];

    /// <summary>The state right after the last match, to run again along a virtual path when a lost track is found.</summary>
    private readonly double[] _observedMean = new double[KalmanFilter.StateSize];

    private readonly double[] _observedCovariance = new double[KalmanFilter.StateSize * KalmanFilter.StateSize];

    /// <summary>Updates in a row whose detection's size disagreed with the track's (see <see cref="Match"/>).</summary>
    private int _sizeDisagreements;

    /// <summary>
    /// A detection whose width or height differs from the track's by more than this factor is partial or merged. Real
    /// objects do not change size that fast between two samples; 1.45 held the best identities on the sample clips.
    /// </summary>
    private const float SizeTolerance = 1.45f;

    /// <summary>After this many disagreeing detections in a row, the object has changed size and the track follows.</summary>
    private const int SizeDisagreementsToFollow = 3;

    /// <summary>The public id, assigned on confirmation; 0 while unconfirmed.</summary>
    public long Id;

    /// <summary>The class of the detection that started the track; fixed for its life.</summary>
    public int ClassId;

    /// <summary>Confidence of the last matched detection.</summary>
    public float Score;

    public TrackPhase Phase;

    /// <summary>True once confirmed (matched twice, or born on the tracker's first update).</summary>
    public bool IsActivated;

    /// <summary>Frame of the last match (the reference's frame_id / end_frame).</summary>
    public long LastFrame;

    /// <summary>Frame the track began (the reference's start_frame).</summary>
    public long StartFrame;

    /// <summary>Frame the Kalman state describes.</summary>
    public long StateFrame;

    /// <summary>Consecutive matches since the track was (re)started.</summary>
    public int TrackletLength;

    /// <summary>The detection matched in the current update, or -1.</summary>
    public int DetectionIndex;

    /// <summary>The box of the last detection matched (or that started the track).</summary>
    public BoxF LastObserved;

    /// <summary>
    /// The box the last match measured: the detection, or, where the detection showed only part of the object (hidden
    /// behind another) or merged it with a neighbour, the track's own size placed over it.
    /// </summary>
    public BoxF LastMeasured;

    /// <summary>The observation before <see cref="LastObserved"/> and its frame (the start's, until a second match).</summary>
    public BoxF PriorObserved;

    /// <summary>The frame of <see cref="PriorObserved"/>.</summary>
    public long PriorFrame;

    /// <summary>The track got its id in the current update.</summary>
    public bool ConfirmedNow;

    /// <summary>The last detection matched was cut by the frame's border.</summary>
    public bool WasClipped;

    /// <summary>Marked by duplicate removal in the current update.</summary>
    public bool IsDuplicate;

    /// <summary>The state as a box (left, top, width, height), refreshed after each predict and update.</summary>
    public BoxF Box;

    /// <summary>(Re)starts the track on a detection; <paramref name="clipped"/> when the frame's border cuts its box.</summary>
    public void Start(BoxF box, int classId, float score, long frame, long id, bool clipped = false)
    {
        Span<double> z = stackalloc double[KalmanFilter.MeasurementSize];
        ToMeasurement(box, z);
        KalmanFilter.Initiate(z, Mean, Covariance);
        Id = id;
        ClassId = classId;
        Score = score;
        Phase = TrackPhase.Tracked;
        IsActivated = id != 0;
        LastFrame = StartFrame = StateFrame = frame;
        TrackletLength = 0;
        IsDuplicate = false;
        WasClipped = clipped;
        Box = box;
        LastObserved = PriorObserved = LastMeasured = box;
        PriorFrame = frame;
        ConfirmedNow = false;
        _sizeDisagreements = 0;
        SaveObserved();
    }

    /// <summary>Runs the filter forward to <paramref name="frame"/>, one prediction per elapsed frame.</summary>
    public void PredictTo(long frame)
    {
        long steps = Math.Min(frame - StateFrame, MaxPredictSteps);
        for (long i = 0; i < steps; i++)
        {
            // The reference freezes the height's velocity of a track that is not being tracked.
            if (Phase != TrackPhase.Tracked)
            {
                Mean[7] = 0;
            }

            KalmanFilter.Predict(Mean, Covariance);
        }

        if (steps > 0)
        {
            StateFrame = frame;
            Box = ToBox(Mean);
        }
    }

    /// <summary>Corrects the state with a matched detection (the reference's update and re_activate).</summary>
    /// <param name="detection">The matched detection.</param>
    /// <param name="index">Its index in the frame's detections.</param>
    /// <param name="frame">The frame.</param>
    /// <param name="reactivate">True when a lost track is found again.</param>
    /// <param name="clipped">The frame borders the detection's box touches (the object is partly outside).</param>
    /// <param name="reupdate">Re-run the filter along the way it went when <paramref name="reactivate"/>.</param>
    /// <remarks>
    /// <para>A lost track found again (with <paramref name="reupdate"/>) runs its filter once more from its last observation, along a straight path to
    /// this one, one virtual observation per frame (OC-SORT's observation-centric re-update): the prediction made
    /// while it was hidden, with the velocity it had then, is replaced by the motion it really made.</para>
    /// <para>A confirmed track matched after frames without an observation (sampled detection, or a miss) whose
    /// detection is much smaller or larger than itself sees the object partly hidden or merged with a neighbour by the
    /// detector: its own size is measured, placed over the detection as near to the prediction as the detection
    /// allows, so that the box does not shrink or swell and drag its centre and velocity away over the whole gap. A
    /// size that keeps disagreeing is the object's new size and is followed. Frame by frame a partial view comes and
    /// goes gradually and the filter follows it better than a held size does (measured on the sample clips: holding
    /// it there swapped the ids of two trucks one merged box covered).</para>
    /// </remarks>
    public void Match(in DetectedObject detection, int index, long frame, bool reactivate, FrameEdges clipped = FrameEdges.None, bool reupdate = false)
    {
        BoxF measured = clipped == FrameEdges.None ? detection.Box : Unclip(detection.Box, Box, clipped);
        if (frame - LastFrame > 1 && IsActivated && clipped == FrameEdges.None && !WasClipped && DisagreesInSize(measured, Box))
        {
            if (++_sizeDisagreements < SizeDisagreementsToFollow)
            {
                measured = Overlay(measured, Box);
            }
        }
        else
        {
            _sizeDisagreements = 0;
        }

        Span<double> z = stackalloc double[KalmanFilter.MeasurementSize];
        if (reupdate && reactivate && frame - LastFrame > 1 && frame - LastFrame <= MaxPredictSteps)
        {
            ReupdateAlong(measured, frame);
        }

        ToMeasurement(measured, z);
        KalmanFilter.Update(Mean, Covariance, z);
        if (clipped != FrameEdges.None || WasClipped)
        {
            // A box cut by the border grows or shrinks as the object enters or leaves, not because the object changes
            // size: that must not become a size velocity, which would carry on once the object is fully in view. The
            // filter trusts its aspect ratio far more than a measured one (it is meant to be steady), so the aspect of a
            // cut box, which it would keep long after the object is in view, is replaced by each new measurement
            // instead, up to the first one of the whole object.
            Mean[2] = z[2];
            Mean[6] = 0;
            if ((clipped & FrameEdges.Vertical) != 0)
            {
                Mean[7] = 0;
            }
        }

        WasClipped = clipped != FrameEdges.None;
        PriorObserved = LastObserved;
        PriorFrame = LastFrame;
        LastObserved = detection.Box;
        LastMeasured = measured;

        Box = ToBox(Mean);
        TrackletLength = reactivate ? 0 : TrackletLength + 1;
        Phase = TrackPhase.Tracked;
        LastFrame = frame;
        StateFrame = frame;
        Score = detection.Confidence;
        DetectionIndex = index;
        SaveObserved();
    }

    /// <summary>
    /// Restores the state of the last observation and runs it to the frame before <paramref name="frame"/> with
    /// virtual observations on the straight way from the last measured box to <paramref name="measured"/>; the
    /// caller then updates with the real one.
    /// </summary>
    private void ReupdateAlong(BoxF measured, long frame)
    {
        _observedMean.CopyTo(Mean, 0);
        _observedCovariance.CopyTo(Covariance, 0);
        long steps = frame - LastFrame;
        BoxF from = LastMeasured;
        Span<double> z = stackalloc double[KalmanFilter.MeasurementSize];
        for (long i = 1; i <= steps; i++)
        {
            KalmanFilter.Predict(Mean, Covariance);
            if (i == steps)
            {
                break;
            }

            ToMeasurement(BoxF.Lerp(from, measured, (float)i / steps), z);
            KalmanFilter.Update(Mean, Covariance, z);
        }
    }

    private void SaveObserved()
    {
        Array.Copy(Mean, _observedMean, Mean.Length);
        Array.Copy(Covariance, _observedCovariance, Covariance.Length);
    }

    private static bool DisagreesInSize(BoxF detection, BoxF track) =>
        detection.Width * SizeTolerance < track.Width || track.Width * SizeTolerance < detection.Width
        || detection.Height * SizeTolerance < track.Height || track.Height * SizeTolerance < detection.Height;

    /// <summary>
    /// A box of <paramref name="track"/>'s size that covers <paramref name="detection"/> where the detection is the
    /// smaller (a visible part) or lies within it where it is the larger (a merged box), on each axis as near to the
    /// track's box as that allows.
    /// </summary>
    public static BoxF Overlay(BoxF detection, BoxF track)
    {
        float w = track.Width;
        float h = track.Height;
        float left = Math.Clamp(track.Left, MathF.Min(detection.Left, detection.Right - w), MathF.Max(detection.Left, detection.Right - w));
        float top = Math.Clamp(track.Top, MathF.Min(detection.Top, detection.Bottom - h), MathF.Max(detection.Top, detection.Bottom - h));
        return new BoxF(left, top, w, h);
    }

    /// <summary>The box expected at <paramref name="frame"/> by extrapolating the velocity, without changing the state.</summary>
    public BoxF Extrapolate(long frame)
    {
        double dt = frame - StateFrame;
        double h = Math.Max(Mean[3] + (Mean[7] * dt), 1e-3);
        double w = (Mean[2] + (Mean[6] * dt)) * h;
        double x = Mean[0] + (Mean[4] * dt);
        double y = Mean[1] + (Mean[5] * dt);
        return new BoxF((float)(x - (w / 2)), (float)(y - (h / 2)), (float)w, (float)h);
    }

    /// <summary>
    /// A detection cut by the frame's border, extended beyond it to the size the track already has on each cut axis
    /// (never shrunk): its inner edge, which does show the object's motion, is kept.
    /// </summary>
    public static BoxF Unclip(BoxF detection, BoxF track, FrameEdges clipped)
    {
        float left = detection.Left;
        float right = detection.Right;
        float top = detection.Top;
        float bottom = detection.Bottom;
        float width = MathF.Max(detection.Width, track.Width);
        float height = MathF.Max(detection.Height, track.Height);
        switch (clipped & FrameEdges.Horizontal)
        {
            case FrameEdges.Left:
                left = right - width;
                break;
            case FrameEdges.Right:
                right = left + width;
                break;
        }

        switch (clipped & FrameEdges.Vertical)
        {
            case FrameEdges.Top:
                top = bottom - height;
                break;
            case FrameEdges.Bottom:
                bottom = top + height;
                break;
        }

        return BoxF.FromCorners(left, top, right, bottom);
    }

    /// <summary>Box (left, top, width, height) to measurement (centre x, centre y, width / height, height).</summary>
    public static void ToMeasurement(BoxF box, Span<double> z)
    {
        double h = Math.Max(box.Height, 1e-3f);
        z[0] = box.Left + (box.Width / 2.0);
        z[1] = box.Top + (box.Height / 2.0);
        z[2] = box.Width / h;
        z[3] = h;
    }

    /// <summary>State mean to box (left, top, width, height).</summary>
    public static BoxF ToBox(ReadOnlySpan<double> mean)
    {
        double h = mean[3];
        double w = mean[2] * h;
        return new BoxF((float)(mean[0] - (w / 2)), (float)(mean[1] - (h / 2)), (float)w, (float)h);
    }
}
