using System.Diagnostics;

namespace Streams.Sources.Internal;

/// <summary>
/// Paces a replayed file at its own rate, on the frame reader's thread: frame timestamps are anchored to the
/// stopwatch at the first frame, and each kept frame waits until its time has come (no drift: every wait aims at
/// an absolute time). A timestamp that goes backwards or jumps ahead (a gap, a new loop pass without growing
/// timestamps), or a consumer that fell far behind, re-anchors instead of waiting long or bursting.
/// </summary>
internal sealed class ReplayPacer
{
    // Falling this far behind (a slow pipeline with a waiting queue) re-anchors: later frames are not burst out.
    private static readonly TimeSpan s_maxLag = TimeSpan.FromSeconds(1);

    // A forward jump between consecutive frames larger than this is a discontinuity, not a long frame.
    private static readonly TimeSpan s_minDiscontinuity = TimeSpan.FromSeconds(2);

    private readonly TimeSpan _maxFrameGap;
    private bool _anchored;
    private TimeSpan _anchorTime;
    private long _anchorTimestamp;
    private TimeSpan _lastTime;

    /// <param name="sampleInterval">
    /// The time between the frames it sees when they are sampled (detect_fps), else zero: a gap of a few intervals
    /// is then the sampling, not a discontinuity.
    /// </param>
    public ReplayPacer(TimeSpan sampleInterval = default)
    {
        TimeSpan threeIntervals = sampleInterval * 3;
        _maxFrameGap = threeIntervals > s_minDiscontinuity ? threeIntervals : s_minDiscontinuity;
    }

    /// <summary>Notes a frame's time, to detect discontinuities.</summary>
    public void Observe(TimeSpan time)
    {
        if (_anchored && (time < _lastTime || time - _lastTime > _maxFrameGap))
        {
            Anchor(time, Stopwatch.GetTimestamp());
        }

        _lastTime = time;
    }

    /// <summary>Blocks until the frame at <paramref name="time"/> is due, or <paramref name="stop"/> is canceled.</summary>
    public void Wait(TimeSpan time, CancellationToken stop)
    {
        TimeSpan wait = Delay(time, Stopwatch.GetTimestamp());
        if (wait > TimeSpan.Zero)
        {
            stop.WaitHandle.WaitOne(wait);
        }
    }

    /// <summary>How long the frame at <paramref name="time"/> must wait at <paramref name="now"/>; re-anchors as needed.</summary>
    internal TimeSpan Delay(TimeSpan time, long now)
    {
        if (!_anchored)
        {
            Anchor(time, now);
            return TimeSpan.Zero;
        }

        TimeSpan wait = (time - _anchorTime) - Stopwatch.GetElapsedTime(_anchorTimestamp, now);
        if (wait < -s_maxLag)
        {
            Anchor(time, now);
        }

        return wait;
    }

    private void Anchor(TimeSpan time, long timestamp)
    {
        _anchored = true;
        _anchorTime = time;
        _anchorTimestamp = timestamp;
    }
}
