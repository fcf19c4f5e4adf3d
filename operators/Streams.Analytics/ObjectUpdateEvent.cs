namespace Streams.Analytics;

/// <summary><c>object.update</c>: a track's state, at most once per update interval.</summary>
public sealed record ObjectUpdateEvent : ObjectEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.ObjectUpdate;

    /// <summary>Which update of the track this is, from 1.</summary>
    public required int Update { get; init; }
}
