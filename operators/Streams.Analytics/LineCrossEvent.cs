namespace Streams.Analytics;

/// <summary><c>line.cross</c>: a track's anchor crossed a counting line.</summary>
public sealed record LineCrossEvent : ObjectEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.LineCross;

    /// <summary>The line.</summary>
    public required string LineId { get; init; }

    /// <summary>The direction's label: the line's <c>NameIn</c> or <c>NameOut</c>.</summary>
    public required string Direction { get; init; }

    /// <summary>True for a left-to-right crossing of A→B ("in").</summary>
    public required bool IsIn { get; init; }

    /// <summary>The track's crossing of this line, from 1.</summary>
    public required int Crossing { get; init; }
}
