namespace Streams.Evaluation;

/// <summary>One counter of a counting line: a direction and a class.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Direction">The direction's label ("in", "out").</param>
/// <param name="ClassName">The class's name.</param>
public readonly record struct LineCountKey(string LineId, string Direction, string ClassName);
