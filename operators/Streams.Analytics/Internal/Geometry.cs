namespace Streams.Analytics.Internal;

/// <summary>Plane geometry for zones and lines, in pixels.</summary>
internal static class Geometry
{
    /// <summary>
    /// (Bx-Ax)(Py-Ay) - (By-Ay)(Px-Ax): positive when <paramref name="p"/> is right of A→B as seen on the image
    /// (y down), negative when left; its magnitude is the distance to the line times |AB|.
    /// </summary>
    public static double Cross(Point2D a, Point2D b, Point2D p) =>
        (((double)b.X - a.X) * ((double)p.Y - a.Y)) - (((double)b.Y - a.Y) * ((double)p.X - a.X));

    /// <summary>Signed distance of <paramref name="p"/> from the line through A and B; positive on the right (y down).</summary>
    public static double SignedDistance(Point2D a, Point2D b, Point2D p)
    {
        double length = Length(a, b);
        return length > 0 ? Cross(a, b, p) / length : 0;
    }

    /// <summary>True if the move from <paramref name="from"/> to <paramref name="to"/>, which lie on opposite sides of the
    /// line AB, passes it within the segment A-B (ends included).</summary>
    public static bool CrossesSegment(Point2D a, Point2D b, Point2D from, Point2D to)
    {
        double d0 = Cross(a, b, from);
        double d1 = Cross(a, b, to);
        if (d0 == d1)
        {
            return false;
        }

        double s = d0 / (d0 - d1);
        double qx = from.X + (s * (to.X - from.X));
        double qy = from.Y + (s * (to.Y - from.Y));
        double abx = (double)b.X - a.X;
        double aby = (double)b.Y - a.Y;
        double u = (((qx - a.X) * abx) + ((qy - a.Y) * aby)) / ((abx * abx) + (aby * aby));
        return u is >= 0 and <= 1;
    }

    /// <summary>
    /// How far along the move from <paramref name="from"/> to <paramref name="to"/> (0..1) it meets the line through A
    /// and B; the two points lie on opposite sides of it.
    /// </summary>
    public static double CrossingFraction(Point2D a, Point2D b, Point2D from, Point2D to)
    {
        double d0 = Cross(a, b, from);
        double d1 = Cross(a, b, to);
        return d0 == d1 ? 1 : Math.Clamp(d0 / (d0 - d1), 0, 1);
    }

    /// <summary>
    /// Where the move from <paramref name="from"/> to <paramref name="to"/> cuts the polygon's edges: the number of
    /// cuts, and the fractions of the way (0..1) of the first and the last; both 1 when there is none.
    /// </summary>
    public static int CutPolygon(ReadOnlySpan<Point2D> polygon, Point2D from, Point2D to, out double first, out double last)
    {
        first = double.PositiveInfinity;
        last = double.NegativeInfinity;
        int cuts = 0;
        double rx = (double)to.X - from.X;
        double ry = (double)to.Y - from.Y;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            Point2D c = polygon[j];
            double qx = (double)polygon[i].X - c.X;
            double qy = (double)polygon[i].Y - c.Y;
            double denominator = (rx * qy) - (ry * qx);
            if (denominator == 0)
            {
                continue;
            }

            double cx = (double)c.X - from.X;
            double cy = (double)c.Y - from.Y;
            double t = ((cx * qy) - (cy * qx)) / denominator;
            double u = ((cx * ry) - (cy * rx)) / denominator;

            // An edge's end belongs to the next edge only, so a move through a corner is one cut, not two.
            if (t is >= 0 and <= 1 && u is >= 0 and < 1)
            {
                cuts++;
                first = Math.Min(first, t);
                last = Math.Max(last, t);
            }
        }

        if (cuts == 0)
        {
            first = 1;
            last = 1;
        }

        return cuts;
    }

    /// <summary>Even-odd rule: true if <paramref name="p"/> is inside the polygon.</summary>
    public static bool Contains(ReadOnlySpan<Point2D> polygon, Point2D p)
    {
        bool inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            Point2D pi = polygon[i];
            Point2D pj = polygon[j];
            if ((pi.Y > p.Y) != (pj.Y > p.Y))
            {
                double x = pj.X + (((double)p.Y - pj.Y) * ((double)pi.X - pj.X) / ((double)pi.Y - pj.Y));
                if (p.X < x)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    /// <summary>Distance from <paramref name="p"/> to the nearest edge of the polygon.</summary>
    public static double DistanceToEdge(ReadOnlySpan<Point2D> polygon, Point2D p)
    {
        double best = double.PositiveInfinity;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            best = Math.Min(best, DistanceToSegment(polygon[j], polygon[i], p));
        }

        return best;
    }

    public static double DistanceToSegment(Point2D a, Point2D b, Point2D p)
    {
        double abx = (double)b.X - a.X;
        double aby = (double)b.Y - a.Y;
        double lengthSquared = (abx * abx) + (aby * aby);
        double t = lengthSquared > 0 ? Math.Clamp((((double)p.X - a.X) * abx + (((double)p.Y - a.Y) * aby)) / lengthSquared, 0, 1) : 0;
        double dx = p.X - (a.X + (t * abx));
        double dy = p.Y - (a.Y + (t * aby));
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    public static double Length(Point2D a, Point2D b)
    {
        double dx = (double)b.X - a.X;
        double dy = (double)b.Y - a.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
