namespace Streams.Analytics;

/// <summary>
/// Something the analytics found. Every event names its stream and the frame it was decided on. Its one JSON shape
/// is the versioned envelope <c>Envelope/EventEnvelopeWriter</c> writes (<c>schemas/event-v1.schema.json</c>).
/// </summary>
public abstract record AnalyticsEvent
{
    /// <summary>Unique and stable across replays; see <see cref="EventIds"/>.</summary>
    public required string Id { get; init; }

    /// <summary>One of <see cref="EventTypes"/>; the envelope's <c>type</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The stream's id.</summary>
    public required string StreamId { get; init; }

    /// <summary>The sequence number of the frame the event was decided on.</summary>
    public required long Sequence { get; init; }

    /// <summary>
    /// That frame's presentation time, when the source gave one; for a line crossing, a zone entry or exit, and a
    /// sighting carried late (<see cref="Streams.Runtime.Frame.PastObjects"/>), the moment it happened, which can be
    /// earlier when detection runs on a sample of the frames.
    /// </summary>
    public TimeSpan? Pts { get; init; }

    /// <summary>
    /// That frame's time on the stream's own clock: its PTS, kept monotonic across PTS restarts, or sequence / rate
    /// without PTS; like <see cref="Pts"/>, the moment it happened for crossings, zone entries and exits and late
    /// sightings. Durations in events are differences of this clock.
    /// </summary>
    public required TimeSpan StreamTime { get; init; }

    /// <summary>The wall-clock time the frame arrived (UTC).</summary>
    public required DateTimeOffset WallTime { get; init; }
}
