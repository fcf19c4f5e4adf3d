namespace Streams.Sources.Internal;

/// <summary>
/// Picks frames at a target rate by their timestamps, on a fixed grid (no drift): with 30 fps in and 5 out, every
/// sixth frame. The first frame is kept; a timestamp that goes backwards (a reconnect) or jumps past the grid
/// starts a new grid.
/// </summary>
internal sealed class FrameSampler
{
    // Timestamps printed by ffmpeg are rounded; a frame due within this of its slot is on time.
    private static readonly long s_toleranceTicks = TimeSpan.FromMilliseconds(1).Ticks;

    private readonly long _intervalTicks;
    private long _nextTicks;
    private long _lastTicks;
    private bool _started;

    /// <param name="fps">The rate to keep; null keeps every frame.</param>
    public FrameSampler(double? fps)
    {
        if (fps is { } rate)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rate, 0);
            _intervalTicks = (long)Math.Round(TimeSpan.TicksPerSecond / rate);
        }
    }

    /// <summary>True when every frame is kept.</summary>
    public bool KeepsAll => _intervalTicks == 0;

    /// <summary>Decides for a frame at <paramref name="time"/>, in decode order.</summary>
    public bool ShouldKeep(TimeSpan time)
    {
        if (_intervalTicks == 0)
        {
            return true;
        }

        long t = time.Ticks;
        bool keep;
        if (!_started || t < _lastTicks)
        {
            _started = true;
            _nextTicks = t + _intervalTicks;
            keep = true;
        }
        else if (t + s_toleranceTicks >= _nextTicks)
        {
            _nextTicks += _intervalTicks;
            if (_nextTicks <= t)
            {
                // A gap longer than one interval: restart the grid here rather than keeping a burst.
                _nextTicks = t + _intervalTicks;
            }

            keep = true;
        }
        else
        {
            keep = false;
        }

        _lastTicks = t;
        return keep;
    }
}
