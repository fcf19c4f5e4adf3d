namespace Streams.Analytics.Internal;

/// <summary>
/// Keeps a bounded, evenly spaced sample of a track's anchor points: every <c>stride</c>-th point, with the stride
/// doubling (and every other kept point dropped) when the buffer fills. Memory is fixed per track, however long it lives.
/// </summary>
internal sealed class PathSampler(int points)
{
    private readonly Point2D[] _buffer = new Point2D[2 * points];
    private readonly int _points = points;
    private int _count;
    private long _stride = 1;
    private long _seen;
    private Point2D _last;

    public void Clear()
    {
        _count = 0;
        _stride = 1;
        _seen = 0;
    }

    public void Add(Point2D p)
    {
        if (_seen % _stride == 0)
        {
            if (_count == _buffer.Length)
            {
                for (int i = 0; i < _count / 2; i++)
                {
                    _buffer[i] = _buffer[2 * i];
                }

                _count /= 2;
                _stride *= 2;
            }

            if (_seen % _stride == 0)
            {
                _buffer[_count++] = p;
            }
        }

        _last = p;
        _seen++;
    }

    /// <summary>Up to the configured number of points, evenly spaced, the first and the last point included.</summary>
    public Point2D[] ToSummary()
    {
        if (_seen == 0)
        {
            return [];
        }

        // The samples, plus the last point when it was not sampled.
        bool lastSampled = (_seen - 1) % _stride == 0;
        int available = _count + (lastSampled ? 0 : 1);
        int n = Math.Min(available, _points);
        var summary = new Point2D[n];
        if (n == 1)
        {
            summary[0] = _last;
            return summary;
        }

        for (int i = 0; i < n - 1; i++)
        {
            summary[i] = _buffer[(int)((long)i * (available - 1) / (n - 1))];
        }

        summary[n - 1] = _last;
        return summary;
    }
}
