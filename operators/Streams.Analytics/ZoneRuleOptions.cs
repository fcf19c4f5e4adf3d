using Streams.Analytics.Internal;
using Streams.Options;

namespace Streams.Analytics;

/// <summary>
/// One entry of <c>analytics.zones:</c>: a polygon zone, reporting entries, exits, dwell time, loitering and occupancy
/// of the objects whose anchor is inside. <see cref="Validate"/> holds the rules; the stage checks them when it is made.
/// </summary>
public sealed record ZoneRuleOptions : IValidatableOptions
{
    /// <summary>A polygon needs this many corners to enclose an area.</summary>
    private const int MinPoints = 3;

    /// <summary><c>id</c> (required): names the zone in events and event ids; unique across zones and lines.</summary>
    public required string Id { get; init; }

    /// <summary><c>stream</c>: the source id the zone belongs to; from a pipeline file it must name a declared source.
    /// Default null: every stream.</summary>
    public string? Stream { get; init; }

    /// <summary><c>polygon</c> (required): the corners, at least 3 points <c>[x, y]</c>, in <see cref="Coordinates"/>;
    /// edges may not cross.</summary>
    public required IReadOnlyList<Point2D> Polygon { get; init; }

    /// <summary><c>coordinates</c>: what <see cref="Polygon"/> is measured in; normalized values lie in 0..1. Default
    /// <c>pixels</c>.</summary>
    public CoordinateSpace Coordinates { get; init; } = CoordinateSpace.Pixels;

    /// <summary><c>loiter_after</c>: an object inside this long raises one <c>zone.loiter</c> per visit, greater than 0.
    /// Default null: no loitering events.</summary>
    public TimeSpan? LoiterAfter { get; init; }

    /// <summary>Only objects of these class ids count. Default null: every class.</summary>
    [ConfigIgnore]
    public IReadOnlyList<int>? Classes { get; init; }

    /// <summary>An id, at least 3 corners, normalized corners in 0..1, a positive loitering threshold.</summary>
    public void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.NotEmpty(nameof(Id), Id);
        // A polygon missing from a pipeline file was reported when it was bound.
        if (Polygon is not null)
        {
            if (Polygon.Count < MinPoints)
            {
                validation.Error(nameof(Polygon), $"a polygon needs at least 3 points, got {Polygon.Count}");
            }

            PointRules.CheckNormalized(validation, nameof(Polygon), Polygon, Coordinates);
        }

        if (LoiterAfter is { } loiter)
        {
            validation.Positive(nameof(LoiterAfter), loiter);
        }
    }
}
