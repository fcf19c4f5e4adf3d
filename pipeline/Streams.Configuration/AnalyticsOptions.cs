namespace Streams.Configuration;

/// <summary>The <c>analytics:</c> section: zones and counting lines evaluated on tracked objects.</summary>
public sealed record AnalyticsOptions
{
    /// <summary>The defaults.</summary>
    public static AnalyticsOptions Default { get; } = new();

    /// <summary><c>zones</c>: polygons reporting entries, exits and loitering. Default empty.</summary>
    public IReadOnlyList<ZoneOptions> Zones { get; init; } = [];

    /// <summary><c>lines</c>: counting lines reporting directed crossings. Default empty.</summary>
    public IReadOnlyList<LineOptions> Lines { get; init; } = [];
}
