using System.Numerics;
using Streams.Runtime;

namespace Streams.Inference;

/// <summary>
/// A region of interest in a stream's source pixels: detections are kept when the bottom-centre of their box (where
/// an object stands) lies inside.
/// </summary>
public sealed class RoiPolygon
{
    private readonly Vector2[] _points;

    /// <summary>Creates the polygon from its corners in order (at least three; it closes itself).</summary>
    public RoiPolygon(IReadOnlyList<Vector2> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3)
        {
            throw new ArgumentException($"A region of interest needs at least 3 points, got {points.Count}.", nameof(points));
        }

        _points = [.. points];
        foreach (Vector2 p in _points)
        {
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y))
            {
                throw new ArgumentException("A region's points must be finite.", nameof(points));
            }
        }
    }

    /// <summary>The corners.</summary>
    public IReadOnlyList<Vector2> Points => _points;

    /// <summary>True when (x, y) lies inside (even-odd rule; points on an edge may fall either way).</summary>
    public bool Contains(float x, float y)
    {
        bool inside = false;
        for (int i = 0, j = _points.Length - 1; i < _points.Length; j = i++)
        {
            Vector2 a = _points[i];
            Vector2 b = _points[j];
            if ((a.Y > y) != (b.Y > y) && x < ((b.X - a.X) * (y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>True when the bottom-centre of <paramref name="box"/> lies inside.</summary>
    public bool ContainsBottomCentre(BoxF box) => Contains(box.Left + (box.Width / 2), box.Bottom);
}
