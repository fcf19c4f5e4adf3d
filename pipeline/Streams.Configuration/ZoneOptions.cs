using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>One entry of <c>analytics.zones:</c>: a polygon whose entries, exits and dwell times are reported.</summary>
public sealed record ZoneOptions : IValidatableOptions
{
    /// <summary>A polygon needs this many corners to enclose an area.</summary>
    private const int MinPoints = 3;

    /// <summary><c>id</c> (required): names the zone in events; unique across zones and lines.</summary>
    public required string Id { get; init; }

    /// <summary><c>stream</c>: the source id the zone belongs to; must name a declared source. Default null: every stream.</summary>
    public string? Stream { get; init; }

    /// <summary><c>polygon</c> (required): at least 3 points <c>[x, y]</c>, in <see cref="Coordinates"/>.</summary>
    public required IReadOnlyList<PointOption> Polygon { get; init; }

    /// <summary><c>coordinates</c>: what the points are measured in; normalized values lie in 0..1. Default <c>pixels</c>.</summary>
    public CoordinateSpace Coordinates { get; init; } = CoordinateSpace.Pixels;

    /// <summary><c>loiter_after</c>: an object inside longer than this raises a loitering event, greater than 0.
    /// Default null: no loitering events.</summary>
    public TimeSpan? LoiterAfter { get; init; }

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.NotEmpty(nameof(Id), Id);
        if (Polygon is not null)
        {
            if (Polygon.Count < MinPoints)
            {
                context.Error(nameof(Polygon), $"a polygon needs at least 3 points, got {Polygon.Count}");
            }

            Geometry.CheckNormalized(context, nameof(Polygon), Polygon, Coordinates);
        }

        if (LoiterAfter is { } loiter)
        {
            context.Positive(nameof(LoiterAfter), loiter);
        }
    }
}
