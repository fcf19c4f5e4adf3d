using Streams.Options;

namespace Streams.Analytics;

/// <summary>
/// Maps image points to the ground in metres, for speeds in m/s and ground positions: either four image points and
/// the ground points they show (no three on a line), or a 3x3 image→ground homography. <see cref="Validate"/> holds
/// the rules; the stage checks them when it is made.
/// </summary>
public sealed record GroundPlaneOptions : IValidatableOptions
{
    /// <summary>Point pairs a homography is solved from.</summary>
    private const int PointPairs = 4;

    /// <summary>Values of a 3x3 matrix.</summary>
    private const int MatrixValues = 9;

    /// <summary>Four image points, in <see cref="Coordinates"/>. Default null.</summary>
    public IReadOnlyList<Point2D>? ImagePoints { get; init; }

    /// <summary>Where the four <see cref="ImagePoints"/> lie on the ground, in metres. Default null.</summary>
    public IReadOnlyList<Point2D>? GroundPoints { get; init; }

    /// <summary>A row-major 3x3 homography from source pixels to ground metres, used instead of the points. Default null.</summary>
    public IReadOnlyList<double>? Matrix { get; init; }

    /// <summary>What <see cref="ImagePoints"/> are measured in. Default pixels.</summary>
    public CoordinateSpace Coordinates { get; init; } = CoordinateSpace.Pixels;

    /// <summary>Four image and four ground points, or nine matrix values; at least one of the two.</summary>
    public void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        Count(validation, nameof(ImagePoints), ImagePoints?.Count, PointPairs);
        Count(validation, nameof(GroundPoints), GroundPoints?.Count, PointPairs);
        Count(validation, nameof(Matrix), Matrix?.Count, MatrixValues);
        if (Matrix is null && (ImagePoints is null || GroundPoints is null))
        {
            validation.Error(nameof(Matrix), "is required unless both image points and ground points are given");
        }
    }

    private static void Count(OptionsValidation validation, string property, int? count, int expected)
    {
        if (count is { } n && n != expected)
        {
            validation.Error(property, $"expected {expected} values, got {n}");
        }
    }
}
