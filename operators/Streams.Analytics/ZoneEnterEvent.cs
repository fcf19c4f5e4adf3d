namespace Streams.Analytics;

/// <summary><c>zone.enter</c>: a track's anchor entered a zone.</summary>
public sealed record ZoneEnterEvent : ObjectEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.ZoneEnter;

    /// <summary>The zone.</summary>
    public required string ZoneId { get; init; }

    /// <summary>The track's visit to the zone, from 1.</summary>
    public required int Visit { get; init; }
}
