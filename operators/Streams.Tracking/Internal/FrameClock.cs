using Streams.Runtime;

namespace Streams.Tracking.Internal;

/// <summary>
/// Turns a stream's frames into frame numbers at the stream's own rate, so that the tracker predicts and ages tracks
/// by the time that passed, not by how often detection ran. A frame's step is its PTS gap divided by the frame
/// duration (rounded, at least 1), or its sequence gap when there is no usable PTS. The frame duration is the
/// configured rate, else the source's own rate (<see cref="Frame.SourceFrameRate"/>: with detection sampled inside
/// the decoder, 10 of 30 fps steps by 3), else the median PTS gap per sequence step over the last few frames.
/// </summary>
internal sealed class FrameClock
{
    /// <summary>Gaps remembered for the median: enough to ignore a few odd ones (a reconnect, a late frame).</summary>
    private const int Window = 15;

    /// <summary>A gap per sequence step longer than this is not a frame duration (a pause, a reconnect).</summary>
    private static readonly TimeSpan s_maxFrameDuration = TimeSpan.FromSeconds(2);

    private readonly double? _configuredRate;
    private readonly double[] _gaps = new double[Window];
    private readonly double[] _sorted = new double[Window];
    private int _gapCount;
    private int _gapNext;
    private bool _started;
    private long _lastSequence;
    private TimeSpan? _lastPts;
    private long _frame;
    private double _duration;
    private double _sourceRate;

    /// <param name="frameRate">The stream's rate when known; null to measure it from PTS.</param>
    public FrameClock(double? frameRate) => _configuredRate = frameRate;

    /// <summary>
    /// The rate the clock counts in: configured, the source's, measured, or 30 (the reference's) before anything is
    /// known.
    /// </summary>
    public double FrameRate => _configuredRate ?? (_sourceRate > 0 ? _sourceRate : _duration > 0 ? 1 / _duration : DefaultFrameRate);

    /// <summary>Used until the stream tells its rate.</summary>
    public const double DefaultFrameRate = 30;

    /// <summary>
    /// The frame number of a frame with <paramref name="sequence"/> and <paramref name="pts"/>: 0 for the first.
    /// <paramref name="sourceRate"/> is the source's own frame rate, 0 when unknown.
    /// </summary>
    public long Next(long sequence, TimeSpan? pts, double sourceRate = 0)
    {
        _sourceRate = sourceRate > 0 && !double.IsInfinity(sourceRate) ? sourceRate : 0;
        if (!_started)
        {
            _started = true;
            _lastSequence = sequence;
            _lastPts = pts;
            _frame = 0;
            return 0;
        }

        long sequenceStep = Math.Max(1, sequence - _lastSequence);
        long step = sequenceStep;
        if (pts is { } now && _lastPts is { } before && now > before)
        {
            double gap = (now - before).TotalSeconds;
            double perStep = gap / sequenceStep;
            if (_configuredRate is null && perStep <= s_maxFrameDuration.TotalSeconds)
            {
                Remember(perStep);
            }

            double duration = _configuredRate is { } rate ? 1 / rate : _sourceRate > 0 ? 1 / _sourceRate : _duration;
            if (duration > 0)
            {
                step = Math.Max(1, (long)Math.Round(gap / duration, MidpointRounding.AwayFromZero));
            }
        }

        _lastSequence = sequence;
        _lastPts = pts;
        _frame += step;
        return _frame;
    }

    /// <summary>Forgets the stream: the next frame is frame 0 again.</summary>
    public void Reset()
    {
        _started = false;
        _gapCount = 0;
        _gapNext = 0;
        _duration = 0;
        _sourceRate = 0;
        _lastPts = null;
    }

    private void Remember(double perStep)
    {
        _gaps[_gapNext] = perStep;
        _gapNext = (_gapNext + 1) % Window;
        _gapCount = Math.Min(_gapCount + 1, Window);
        Array.Copy(_gaps, _sorted, _gapCount);
        Array.Sort(_sorted, 0, _gapCount);
        _duration = _sorted[_gapCount / 2];
    }
}
