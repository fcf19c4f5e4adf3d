namespace Streams.Evaluation;

/// <summary>Expected and counted crossings of one line, direction and class.</summary>
public sealed record LineCountRow(LineCountKey Key, long Expected, long Actual)
{
    /// <summary>Counted minus expected: positive for over-counting.</summary>
    public long Difference => Actual - Expected;
}
