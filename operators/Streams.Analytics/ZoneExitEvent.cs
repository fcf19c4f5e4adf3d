namespace Streams.Analytics;

/// <summary><c>zone.exit</c>: a visit ended; the track left, or ended inside.</summary>
public sealed record ZoneExitEvent : ObjectEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.ZoneExit;

    /// <summary>The zone.</summary>
    public required string ZoneId { get; init; }

    /// <summary>The visit, as in its <see cref="ZoneEnterEvent"/>.</summary>
    public required int Visit { get; init; }

    /// <summary>
    /// Seconds from the first sighting inside to the first sighting outside (the sample streams' enterFrame to
    /// exitFrame), or to the last sighting when the track ended inside.
    /// </summary>
    public required double DwellSeconds { get; init; }

    /// <summary>Why the visit ended.</summary>
    public required ZoneExitReason Reason { get; init; }
}
