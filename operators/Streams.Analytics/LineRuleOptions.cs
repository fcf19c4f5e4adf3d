using Streams.Analytics.Internal;
using Streams.Options;

namespace Streams.Analytics;

/// <summary>
/// One entry of <c>analytics.lines:</c>: a counting line from <see cref="A"/> to <see cref="B"/>, its two
/// <see cref="Points"/>. "In" is a crossing from the left of the directed line A→B to its right as seen on the image
/// (x right, y down) by someone walking from A to B: the sign of (Bx-Ax)(Py-Ay) - (By-Ay)(Px-Ax) goes from negative to
/// positive (the sample streams' convention). <see cref="Validate"/> holds the rules; the stage checks them when it is
/// made.
/// </summary>
public sealed record LineRuleOptions : IValidatableOptions
{
    /// <summary>A line is its two end points.</summary>
    private const int PointCount = 2;

    /// <summary><c>id</c> (required): names the line in events and event ids; unique across zones and lines.</summary>
    public required string Id { get; init; }

    /// <summary><c>stream</c>: the source id the line belongs to; from a pipeline file it must name a declared source.
    /// Default null: every stream.</summary>
    public string? Stream { get; init; }

    /// <summary><c>points</c> (required): exactly 2 distinct points <c>[x, y]</c>, <see cref="A"/> then <see cref="B"/>,
    /// in <see cref="Coordinates"/>.</summary>
    public required IReadOnlyList<Point2D> Points { get; init; }

    /// <summary>The first point, in <see cref="Coordinates"/>.</summary>
    public Point2D A => Points[0];

    /// <summary>The second point, in <see cref="Coordinates"/>; differs from <see cref="A"/>.</summary>
    public Point2D B => Points[1];

    /// <summary><c>coordinates</c>: what <see cref="Points"/> are measured in; normalized values lie in 0..1. Default
    /// <c>pixels</c>.</summary>
    public CoordinateSpace Coordinates { get; init; } = CoordinateSpace.Pixels;

    /// <summary><c>name_in</c>: the direction label of a left-to-right crossing. Default <c>in</c>.</summary>
    public string NameIn { get; init; } = "in";

    /// <summary><c>name_out</c>: the direction label of a right-to-left crossing. Default <c>out</c>.</summary>
    public string NameOut { get; init; } = "out";

    /// <summary>Only objects of these class ids count. Default null: every class.</summary>
    [ConfigIgnore]
    public IReadOnlyList<int>? Classes { get; init; }

    /// <summary>An id and direction labels, exactly two distinct points, normalized points in 0..1.</summary>
    public void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.NotEmpty(nameof(Id), Id);
        validation.NotEmpty(nameof(NameIn), NameIn);
        validation.NotEmpty(nameof(NameOut), NameOut);
        // Points missing from a pipeline file were reported when they were bound.
        if (Points is null)
        {
            return;
        }

        if (Points.Count != PointCount)
        {
            validation.Error(nameof(Points), $"a line needs exactly 2 points, got {Points.Count}");
        }
        else if (Points[0] == Points[1])
        {
            validation.Error(nameof(Points), "the two points of a line must differ");
        }

        PointRules.CheckNormalized(validation, nameof(Points), Points, Coordinates);
    }
}
