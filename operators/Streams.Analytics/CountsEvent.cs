namespace Streams.Analytics;

/// <summary><c>counts</c>: a stream's cumulative line counts and zone occupancy, at an interval and at its end.</summary>
public sealed record CountsEvent : AnalyticsEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.Counts;

    /// <summary>Which report of the stream this is, from 1.</summary>
    public required int Report { get; init; }

    /// <summary>True for the report at the end of the stream.</summary>
    public required bool IsFinal { get; init; }

    /// <summary>Per line, both directions, in configuration order.</summary>
    public required IReadOnlyList<LineCounts> Lines { get; init; }

    /// <summary>Per zone, in configuration order.</summary>
    public required IReadOnlyList<ZoneOccupancy> Zones { get; init; }
}
