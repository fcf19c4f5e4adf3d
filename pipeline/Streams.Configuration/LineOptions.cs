using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>One entry of <c>analytics.lines:</c>: a counting line; crossings are reported with their direction.</summary>
public sealed record LineOptions : IValidatableOptions
{
    /// <summary>A line is its two end points.</summary>
    private const int PointCount = 2;

    /// <summary><c>id</c> (required): names the line in events; unique across zones and lines.</summary>
    public required string Id { get; init; }

    /// <summary><c>stream</c>: the source id the line belongs to; must name a declared source. Default null: every stream.</summary>
    public string? Stream { get; init; }

    /// <summary><c>points</c> (required): exactly 2 distinct points <c>[x, y]</c>, in <see cref="Coordinates"/>.</summary>
    public required IReadOnlyList<PointOption> Points { get; init; }

    /// <summary><c>coordinates</c>: what the points are measured in; normalized values lie in 0..1. Default <c>pixels</c>.</summary>
    public CoordinateSpace Coordinates { get; init; } = CoordinateSpace.Pixels;

    /// <summary><c>name_in</c>: the direction label for crossing from the left of first→second point to its right.
    /// Default <c>in</c>.</summary>
    public string NameIn { get; init; } = "in";

    /// <summary><c>name_out</c>: the direction label for the opposite crossing. Default <c>out</c>.</summary>
    public string NameOut { get; init; } = "out";

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.NotEmpty(nameof(Id), Id);
        context.NotEmpty(nameof(NameIn), NameIn);
        context.NotEmpty(nameof(NameOut), NameOut);
        if (Points is null)
        {
            return;
        }

        if (Points.Count != PointCount)
        {
            context.Error(nameof(Points), $"a line needs exactly 2 points, got {Points.Count}");
        }
        else if (Points[0] == Points[1])
        {
            context.Error(nameof(Points), "the two points of a line must differ");
        }

        Geometry.CheckNormalized(context, nameof(Points), Points, Coordinates);
    }
}
