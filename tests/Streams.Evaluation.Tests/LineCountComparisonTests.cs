namespace Streams.Evaluation.Tests;

[Trait("Tier", "Unit")]
public sealed class LineCountComparisonTests
{
    [Fact]
    public void Differences_are_reported_per_line_direction_and_class()
    {
        var expected = new Dictionary<LineCountKey, long>
        {
            [new("gate", "in", "car")] = 3,
            [new("gate", "out", "person")] = 1,
        };
        var actual = new Dictionary<LineCountKey, long>
        {
            [new("gate", "in", "car")] = 2,
            [new("gate", "in", "truck")] = 1,
            [new("gate", "out", "person")] = 1,
        };

        LineCountReport report = LineCountComparison.Compare(expected, actual);

        Assert.Equal(
            [
                new LineCountRow(new("gate", "in", "car"), 3, 2),
                new LineCountRow(new("gate", "in", "truck"), 0, 1),
                new LineCountRow(new("gate", "out", "person"), 1, 1),
            ],
            report.Rows);
        Assert.Equal([-1L, 1L, 0L], [report.Rows[0].Difference, report.Rows[1].Difference, report.Rows[2].Difference]);
        Assert.Equal((4L, 4L, 2L), (report.TotalExpected, report.TotalActual, report.TotalAbsoluteError));
        Assert.Equal(0.5, report.Accuracy);
        Assert.Contains("accuracy 50.0", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_counts_are_fully_accurate_and_nothing_expected_nothing_counted_too()
    {
        var counts = new Dictionary<LineCountKey, long> { [new("l", "in", "car")] = 5 };
        Assert.Equal(1, LineCountComparison.Compare(counts, counts).Accuracy);
        Assert.Equal(1, LineCountComparison.Compare(new Dictionary<LineCountKey, long>(), new Dictionary<LineCountKey, long>()).Accuracy);
    }
}
