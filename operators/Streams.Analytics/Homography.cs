namespace Streams.Analytics;

/// <summary>A plane-to-plane projective mapping (3x3, row-major), e.g. from image pixels to ground metres.</summary>
public sealed class Homography
{
    /// <summary>Unknowns of a homography with its last entry fixed at 1.</summary>
    private const int Unknowns = 8;

    private readonly double[] _m = new double[9];

    /// <summary>Creates the mapping of the row-major 3x3 <paramref name="matrix"/>.</summary>
    public Homography(ReadOnlySpan<double> matrix)
    {
        if (matrix.Length != 9)
        {
            throw new ArgumentException($"A homography has 9 values, got {matrix.Length}.", nameof(matrix));
        }

        foreach (double v in matrix)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("A homography's values must be finite.", nameof(matrix));
            }
        }

        matrix.CopyTo(_m);
    }

    /// <summary>The row-major 3x3 matrix.</summary>
    public ReadOnlySpan<double> Matrix => _m;

    /// <summary>
    /// Solves the homography that maps each of four <paramref name="from"/> points onto the <paramref name="to"/>
    /// point of the same index (direct linear transform with h33 = 1).
    /// </summary>
    /// <exception cref="ArgumentException">Not four pairs, or three points on a line.</exception>
    public static Homography FromPoints(ReadOnlySpan<Point2D> from, ReadOnlySpan<Point2D> to)
    {
        if (from.Length != 4 || to.Length != 4)
        {
            throw new ArgumentException("A homography needs exactly four point pairs.", nameof(from));
        }

        // Two rows per pair: h11 x + h12 y + h13 - u h31 x - u h32 y = u, and the same for v with h21..h23.
        Span<double> a = stackalloc double[Unknowns * (Unknowns + 1)];
        const int stride = Unknowns + 1;
        for (int i = 0; i < 4; i++)
        {
            double x = from[i].X, y = from[i].Y, u = to[i].X, v = to[i].Y;
            Span<double> r1 = a.Slice(2 * i * stride, stride);
            Span<double> r2 = a.Slice(((2 * i) + 1) * stride, stride);
            r1[0] = x; r1[1] = y; r1[2] = 1; r1[3] = 0; r1[4] = 0; r1[5] = 0; r1[6] = -u * x; r1[7] = -u * y; r1[8] = u;
            r2[0] = 0; r2[1] = 0; r2[2] = 0; r2[3] = x; r2[4] = y; r2[5] = 1; r2[6] = -v * x; r2[7] = -v * y; r2[8] = v;
        }

        // Gaussian elimination with partial pivoting on the augmented 8x9 system.
        for (int col = 0; col < Unknowns; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < Unknowns; r++)
            {
                if (Math.Abs(a[(r * stride) + col]) > Math.Abs(a[(pivot * stride) + col]))
                {
                    pivot = r;
                }
            }

            // Relative to the data's scale (pixels); below it the points are degenerate.
            const double singular = 1e-10;
            if (Math.Abs(a[(pivot * stride) + col]) < singular)
            {
                throw new ArgumentException("The points do not define a homography: three of them lie on a line.", nameof(from));
            }

            if (pivot != col)
            {
                for (int c = 0; c < stride; c++)
                {
                    (a[(col * stride) + c], a[(pivot * stride) + c]) = (a[(pivot * stride) + c], a[(col * stride) + c]);
                }
            }

            for (int r = 0; r < Unknowns; r++)
            {
                if (r == col)
                {
                    continue;
                }

                double f = a[(r * stride) + col] / a[(col * stride) + col];
                if (f == 0)
                {
                    continue;
                }

                for (int c = col; c < stride; c++)
                {
                    a[(r * stride) + c] -= f * a[(col * stride) + c];
                }
            }
        }

        Span<double> h = stackalloc double[9];
        for (int i = 0; i < Unknowns; i++)
        {
            h[i] = a[(i * stride) + Unknowns] / a[(i * stride) + i];
        }

        h[8] = 1;
        return new Homography(h);
    }

    /// <summary>Maps <paramref name="point"/>.</summary>
    public Point2D Transform(Point2D point)
    {
        double x = point.X, y = point.Y;
        double w = (_m[6] * x) + (_m[7] * y) + _m[8];
        return new Point2D((float)(((_m[0] * x) + (_m[1] * y) + _m[2]) / w), (float)(((_m[3] * x) + (_m[4] * y) + _m[5]) / w));
    }
}
