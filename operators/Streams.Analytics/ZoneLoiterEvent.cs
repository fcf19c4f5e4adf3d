namespace Streams.Analytics;

/// <summary><c>zone.loiter</c>: a track has been in a zone for the zone's loitering threshold (once per visit).</summary>
public sealed record ZoneLoiterEvent : ObjectEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.ZoneLoiter;

    /// <summary>The zone.</summary>
    public required string ZoneId { get; init; }

    /// <summary>The visit, as in its <see cref="ZoneEnterEvent"/>.</summary>
    public required int Visit { get; init; }

    /// <summary>Seconds inside so far.</summary>
    public required double DwellSeconds { get; init; }

    /// <summary>The zone's threshold in seconds.</summary>
    public required double ThresholdSeconds { get; init; }
}
