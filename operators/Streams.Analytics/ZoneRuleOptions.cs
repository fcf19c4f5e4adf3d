namespace Streams.Analytics;

/// <summary>A polygon zone: entries, exits, dwell time, loitering and occupancy of the objects whose anchor is inside.</summary>
public sealed record ZoneRuleOptions
{
    /// <summary>A polygon needs this many corners to enclose an area.</summary>
    private const int MinPoints = 3;

    private readonly IReadOnlyList<Point2D> _polygon = [];
    private readonly TimeSpan? _loiterAfter;

    /// <summary>Names the zone in events and event ids; unique among a stream's zones and lines.</summary>
    public required string Id { get; init; }

    /// <summary>The stream the zone applies to. Default null: every stream.</summary>
    public string? Stream { get; init; }

    /// <summary>The corners, at least 3, in <see cref="Coordinates"/>; edges may not cross.</summary>
    public required IReadOnlyList<Point2D> Polygon
    {
        get => _polygon;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count < MinPoints)
            {
                throw new ArgumentException($"A zone polygon needs at least {MinPoints} points, got {value.Count}.", nameof(value));
            }

            _polygon = value;
        }
    }

    /// <summary>What <see cref="Polygon"/> is measured in. Default pixels.</summary>
    public CoordinateSpace Coordinates { get; init; } = CoordinateSpace.Pixels;

    /// <summary>
    /// An object inside this long raises one <c>zone.loiter</c> per visit, greater than 0. Default null: no loitering events.
    /// </summary>
    public TimeSpan? LoiterAfter
    {
        get => _loiterAfter;
        init
        {
            if (value is { } v && v <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), v, "A loitering threshold must be positive.");
            }

            _loiterAfter = value;
        }
    }

    /// <summary>Only objects of these class ids count. Default null: every class.</summary>
    public IReadOnlyList<int>? Classes { get; init; }
}
