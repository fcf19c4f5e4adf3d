using System.Diagnostics;

namespace Streams.SampleStreams;

/// <summary>
/// A path an object's centre follows, parameterised by arc length: a chain of straight lines and quadratic Bézier
/// curves, flattened once into short chords. Only +, -, *, / and square roots are used, so positions are identical on
/// every machine.
/// </summary>
public sealed class ObjectPath
{
    // Chord length of the flattening, in pixels: fine enough that arc length and position differ from the true curve
    // by well under a pixel for the gentle curves the presets draw.
    private const double ChordPixels = 2.0;

    private readonly ScenePoint[] _points;
    private readonly double[] _lengths;

    private ObjectPath(ScenePoint[] points, double[] lengths)
    {
        Debug.Assert(points.Length == lengths.Length && points.Length > 0, "one cumulative length per point");
        _points = points;
        _lengths = lengths;
    }

    /// <summary>The total arc length in pixels (0 for a single point).</summary>
    public double Length => _lengths[^1];

    /// <summary>Where the path begins.</summary>
    public ScenePoint Start => _points[0];

    /// <summary>Where the path ends.</summary>
    public ScenePoint End => _points[^1];

    /// <summary>A path that stays at <paramref name="point"/>.</summary>
    public static ObjectPath Stationary(ScenePoint point) => new([point], [0]);

    /// <summary>A polyline through <paramref name="points"/> (at least one).</summary>
    public static ObjectPath Polyline(params ScenePoint[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfZero(points.Length);
        PathBuilder builder = new(points[0]);
        for (int i = 1; i < points.Length; i++)
        {
            builder.LineTo(points[i]);
        }

        return builder.Build();
    }

    /// <summary>The point at arc length <paramref name="distance"/>, clamped to the ends.</summary>
    public ScenePoint PointAt(double distance)
    {
        if (distance <= 0 || _points.Length == 1)
        {
            return _points[0];
        }

        if (distance >= Length)
        {
            return _points[^1];
        }

        // The last index whose cumulative length is <= distance.
        int lo = 0;
        int hi = _lengths.Length - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (_lengths[mid] <= distance)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        double span = _lengths[hi] - _lengths[lo];
        double t = span > 0 ? (distance - _lengths[lo]) / span : 0;
        ScenePoint a = _points[lo];
        ScenePoint b = _points[hi];
        return new ScenePoint(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));
    }

    internal static ObjectPath Flatten(ScenePoint start, IReadOnlyList<(ScenePoint Control, ScenePoint End)> curves)
    {
        List<ScenePoint> points = [start];
        List<double> lengths = [0];
        ScenePoint from = start;
        foreach ((ScenePoint control, ScenePoint end) in curves)
        {
            // The control polygon bounds the curve length from above: enough chords for ChordPixels each.
            double estimate = from.DistanceTo(control) + control.DistanceTo(end);
            int pieces = Math.Max(1, (int)Math.Ceiling(estimate / ChordPixels));
            for (int i = 1; i <= pieces; i++)
            {
                double t = (double)i / pieces;
                double u = 1 - t;
                ScenePoint p = i == pieces
                    ? end
                    : new ScenePoint(
                        (u * u * from.X) + (2 * u * t * control.X) + (t * t * end.X),
                        (u * u * from.Y) + (2 * u * t * control.Y) + (t * t * end.Y));
                double step = points[^1].DistanceTo(p);
                if (step <= 0)
                {
                    continue;
                }

                points.Add(p);
                lengths.Add(lengths[^1] + step);
            }

            from = end;
        }

        return new ObjectPath([.. points], [.. lengths]);
    }
}
