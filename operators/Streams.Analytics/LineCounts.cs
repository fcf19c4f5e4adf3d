namespace Streams.Analytics;

/// <summary>Crossings of one line in one direction since the stream started.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Direction">The direction's label.</param>
/// <param name="IsIn">True for the "in" direction.</param>
/// <param name="Total">Crossings of every class.</param>
/// <param name="ByClass">Crossings per class, classes with none left out, by class id.</param>
public sealed record LineCounts(string LineId, string Direction, bool IsIn, long Total, IReadOnlyList<ClassCount> ByClass);
