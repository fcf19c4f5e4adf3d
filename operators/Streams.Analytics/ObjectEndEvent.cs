using Streams.Runtime;

namespace Streams.Analytics;

/// <summary><c>object.end</c>: a track ended; a summary of its life.</summary>
public sealed record ObjectEndEvent : ObjectEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.ObjectEnd;

    /// <summary>Why it ended.</summary>
    public required ObjectEndReason Reason { get; init; }

    /// <summary>Stream time of the first sighting.</summary>
    public required TimeSpan FirstSeen { get; init; }

    /// <summary>Wall-clock time of the first sighting.</summary>
    public required DateTimeOffset FirstSeenWallTime { get; init; }

    /// <summary>Frame sequence of the first sighting.</summary>
    public required long FirstSequence { get; init; }

    /// <summary>Stream time of the last sighting.</summary>
    public required TimeSpan LastSeen { get; init; }

    /// <summary>Wall-clock time of the last sighting.</summary>
    public required DateTimeOffset LastSeenWallTime { get; init; }

    /// <summary>Frame sequence of the last sighting.</summary>
    public required long LastSequence { get; init; }

    /// <summary>Frames the track was seen on.</summary>
    public required int Sightings { get; init; }

    /// <summary>Up to <see cref="AnalyticsStageOptions.PathPoints"/> anchor points evenly spaced over the sightings, first and last included.</summary>
    public required IReadOnlyList<Point2D> Path { get; init; }

    /// <summary>The box of the most confident sighting.</summary>
    public required BoxF BestBox { get; init; }

    /// <summary>The highest confidence seen.</summary>
    public required float BestConfidence { get; init; }

    /// <summary>Frame sequence of the most confident sighting.</summary>
    public required long BestSequence { get; init; }

    /// <summary>Secondary classifiers' results over the track, one per model that ran on it.</summary>
    public required IReadOnlyList<AttributeSummary> Attributes { get; init; }

    /// <summary>A JPEG crop of the track's best view, with <see cref="AnalyticsStageOptions.Snapshots"/>; else null.</summary>
    public SnapshotReference? Snapshot { get; init; }
}
