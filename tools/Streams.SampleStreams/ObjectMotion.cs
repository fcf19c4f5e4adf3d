namespace Streams.SampleStreams;

/// <summary>
/// How an object moves: along <see cref="Path"/> at <see cref="Speed"/> pixels per frame, starting at the path's
/// beginning on frame index <see cref="StartFrame"/> (0-based, may be negative so that the object is already under way
/// on the first frame), optionally stopping for <see cref="DwellFrames"/> frames at arc length
/// <see cref="DwellAt"/>. The object exists from its start until it reaches the end of the path; a
/// <see cref="Speed"/> of 0 keeps it at the path's start on every frame.
/// </summary>
public sealed record ObjectMotion(ObjectPath Path, double Speed, int StartFrame, double? DwellAt = null, int DwellFrames = 0)
{
    /// <summary>True for an object that never moves and exists on every frame.</summary>
    public bool IsStationary => Speed <= 0;

    /// <summary>The number of frames from the start until the end of the path is reached (dwell included).</summary>
    public int TravelFrames => IsStationary ? int.MaxValue : (int)Math.Ceiling(Path.Length / Speed) + ActiveDwellFrames;

    private int ActiveDwellFrames => DwellAt is { } at && at >= 0 && at <= Path.Length ? DwellFrames : 0;

    /// <summary>The arc length reached on frame index <paramref name="frame"/>, or false when the object does not exist then.</summary>
    public bool TryGetDistance(int frame, out double distance)
    {
        distance = 0;
        if (IsStationary)
        {
            return true;
        }

        long t = (long)frame - StartFrame;
        if (t < 0)
        {
            return false;
        }

        double moved = t * Speed;
        if (ActiveDwellFrames > 0 && DwellAt is { } at && moved > at)
        {
            // Arrives at the dwell point on (fractional) frame at / Speed, waits, then carries on.
            double resumeAt = (at / Speed) + DwellFrames;
            moved = t <= resumeAt ? at : at + ((t - resumeAt) * Speed);
        }

        if (moved > Path.Length)
        {
            return false;
        }

        distance = moved;
        return true;
    }

    /// <summary>The centre on frame index <paramref name="frame"/>, or false when the object does not exist then.</summary>
    public bool TryGetPosition(int frame, out ScenePoint position)
    {
        if (TryGetDistance(frame, out double distance))
        {
            position = Path.PointAt(distance);
            return true;
        }

        position = default;
        return false;
    }
}
