namespace Streams.Analytics;

/// <summary>
/// Maps image points to the ground in metres, for speeds in m/s and ground positions: either four image points and
/// the ground points they show (no three on a line), or a 3x3 image→ground homography.
/// </summary>
public sealed record GroundPlaneOptions
{
    /// <summary>Point pairs a homography is solved from.</summary>
    private const int PointPairs = 4;

    /// <summary>Values of a 3x3 matrix.</summary>
    private const int MatrixValues = 9;

    private readonly IReadOnlyList<Point2D>? _imagePoints;
    private readonly IReadOnlyList<Point2D>? _groundPoints;
    private readonly IReadOnlyList<double>? _matrix;

    /// <summary>Four image points, in <see cref="Coordinates"/>. Default null.</summary>
    public IReadOnlyList<Point2D>? ImagePoints { get => _imagePoints; init => _imagePoints = Count(value, PointPairs); }

    /// <summary>Where the four <see cref="ImagePoints"/> lie on the ground, in metres. Default null.</summary>
    public IReadOnlyList<Point2D>? GroundPoints { get => _groundPoints; init => _groundPoints = Count(value, PointPairs); }

    /// <summary>A row-major 3x3 homography from source pixels to ground metres, used instead of the points. Default null.</summary>
    public IReadOnlyList<double>? Matrix { get => _matrix; init => _matrix = Count(value, MatrixValues); }

    /// <summary>What <see cref="ImagePoints"/> are measured in. Default pixels.</summary>
    public CoordinateSpace Coordinates { get; init; } = CoordinateSpace.Pixels;

    private static IReadOnlyList<T>? Count<T>(IReadOnlyList<T>? value, int count, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value is not null && value.Count != count)
        {
            throw new ArgumentException($"Expected {count} values, got {value.Count}.", name);
        }

        return value;
    }
}
