using Streams.Runtime;

namespace Streams.Analytics.Internal;

/// <summary>Everything the analytics remember of one track of one stream. Pooled per stream; sized for its rules.</summary>
internal sealed class TrackRecord
{
    /// <summary>Recent anchor positions kept for the speed: a second at 30 fps.</summary>
    private const int SpeedSamples = 32;

    private readonly double[] _speedTime = new double[SpeedSamples];
    private readonly Point2D[] _speedPoint = new Point2D[SpeedSamples];
    private int _speedCount;
    private int _speedNext;

    public TrackRecord(int lines, int zones, int pathPoints)
    {
        LineSide = new sbyte[lines];
        LineLastPoint = new Point2D[lines];
        LineLastTime = new TimeSpan[lines];
        LineCrossings = new int[lines];
        ZoneState = new ZoneMembership[zones];
        ZoneEntered = new TimeSpan[zones];
        ZoneEnteredAt = new TimeSpan[zones];
        ZoneLastPoint = new Point2D[zones];
        ZoneLastTime = new TimeSpan[zones];
        ZoneVisits = new int[zones];
        ZoneLoitered = new bool[zones];
        Path = new PathSampler(pathPoints);
    }

    public long TrackId;
    public int ClassId;
    public float Confidence;
    public BoxF Box;
    public int FrameWidth;
    public int FrameHeight;
    public Point2D Anchor;
    public Point2D? Ground;
    public double? Speed;
    public double? GroundSpeed;

    public TimeSpan FirstSeen;
    public DateTimeOffset FirstWall;
    public long FirstSequence;
    public TimeSpan LastSeen;
    public DateTimeOffset LastWall;
    public long LastSequence;
    public int Sightings;

    public BoxF BestBox;
    public float BestConfidence;
    public long BestSequence;

    public TimeSpan LastReported;
    public int Updates;

    /// <summary>Per line: the side the anchor is counted on (-1 left, +1 right, 0 not yet known).</summary>
    public readonly sbyte[] LineSide;

    /// <summary>Per line: the last anchor seen on the counted side; a crossing is judged from here.</summary>
    public readonly Point2D[] LineLastPoint;

    /// <summary>Per line: when the anchor was at <see cref="LineLastPoint"/>; a crossing's time is interpolated from here.</summary>
    public readonly TimeSpan[] LineLastTime;

    public readonly int[] LineCrossings;
    public readonly ZoneMembership[] ZoneState;

    /// <summary>Per zone: the time of the sighting that decided the entry; loitering is judged on sightings, from here.</summary>
    public readonly TimeSpan[] ZoneEntered;

    /// <summary>Per zone: when the way into the zone crossed its edge (interpolated between sightings); dwell is counted from here.</summary>
    public readonly TimeSpan[] ZoneEnteredAt;

    /// <summary>Per zone: the last anchor seen on the counted side (inside or outside); entering and leaving are judged from here.</summary>
    public readonly Point2D[] ZoneLastPoint;

    /// <summary>Per zone: when the anchor was at <see cref="ZoneLastPoint"/>.</summary>
    public readonly TimeSpan[] ZoneLastTime;

    public readonly int[] ZoneVisits;
    public readonly bool[] ZoneLoitered;
    public readonly PathSampler Path;

    /// <summary>Secondary classifier votes: (model, class) → votes and summed confidence.</summary>
    public readonly List<AttributeVote> Votes = new(4);

    public void Begin(long trackId, TimeSpan time, in AnalyticsFrame frame)
    {
        TrackId = trackId;
        FirstSeen = time;
        FirstWall = frame.WallTime;
        FirstSequence = frame.Sequence;
        LastReported = time;
        Updates = 0;
        Sightings = 0;
        BestConfidence = float.NegativeInfinity;
        Array.Clear(LineSide);
        Array.Clear(LineCrossings);
        Array.Clear(ZoneState);
        Array.Clear(ZoneVisits);
        Array.Clear(ZoneLoitered);
        Path.Clear();
        Votes.Clear();
        _speedCount = 0;
        _speedNext = 0;
        Speed = null;
        GroundSpeed = null;
        Ground = null;
    }

    /// <summary>Records a sighting: box, anchor, speed over the window, path, best box.</summary>
    public void Observe(in DetectedObject o, Point2D anchor, TimeSpan time, in AnalyticsFrame frame, TimeSpan speedWindow, Homography? ground)
    {
        ClassId = o.ClassId;
        Confidence = o.Confidence;
        Box = o.Box;
        FrameWidth = frame.Width;
        FrameHeight = frame.Height;
        Anchor = anchor;
        LastSeen = time;
        LastWall = frame.WallTime;
        LastSequence = frame.Sequence;
        Sightings++;
        if (o.Confidence > BestConfidence)
        {
            BestConfidence = o.Confidence;
            BestBox = o.Box;
            BestSequence = frame.Sequence;
        }

        Path.Add(anchor);
        Ground = ground?.Transform(anchor);

        // Speed: from the oldest remembered sighting within the window to this one.
        double now = time.TotalSeconds;
        int oldest = -1;
        for (int k = 0; k < _speedCount; k++)
        {
            int index = (_speedNext - 1 - k + SpeedSamples) % SpeedSamples;
            double dt = now - _speedTime[index];
            if (dt > speedWindow.TotalSeconds)
            {
                break;
            }

            if (dt > 0)
            {
                oldest = index;
            }
        }

        if (oldest >= 0)
        {
            double dt = now - _speedTime[oldest];
            Point2D from = _speedPoint[oldest];
            Speed = Geometry.Length(from, anchor) / dt;
            GroundSpeed = ground is null ? null : Geometry.Length(ground.Transform(from), ground.Transform(anchor)) / dt;
        }
        else
        {
            Speed = null;
            GroundSpeed = null;
        }

        _speedTime[_speedNext] = now;
        _speedPoint[_speedNext] = anchor;
        _speedNext = (_speedNext + 1) % SpeedSamples;
        _speedCount = Math.Min(_speedCount + 1, SpeedSamples);
    }

    public void Vote(int model, int classId, float confidence)
    {
        for (int i = 0; i < Votes.Count; i++)
        {
            AttributeVote v = Votes[i];
            if (v.Model == model && v.ClassId == classId)
            {
                Votes[i] = v with { Count = v.Count + 1, ConfidenceSum = v.ConfidenceSum + confidence };
                return;
            }
        }

        Votes.Add(new AttributeVote(model, classId, 1, confidence));
    }
}
