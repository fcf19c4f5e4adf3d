using Streams.Runtime;

namespace Streams.Evaluation.Tests;

[Trait("Tier", "Unit")]
public sealed class MotFileTests
{
    [Fact]
    public void Ground_truth_and_tracker_lines_parse_with_optional_fields()
    {
        List<MotRow> rows = MotFile.Read(new StringReader("1,2,585,318,14,42,1,1,0.5\n\n3,7,10.5,20,30,40,0.87,3,-1,-1\n4,8,1,2,3,4,0.5,-1,-1,-1\n5,9,1,2,3,4\n"));

        Assert.Equal(
            [
                new MotRow(1, 2, new BoxF(585, 318, 14, 42), 1, 1, 0.5f),
                new MotRow(3, 7, new BoxF(10.5f, 20, 30, 40), 0.87f, 3, -1),
                new MotRow(4, 8, new BoxF(1, 2, 3, 4), 0.5f, -1, -1),
                new MotRow(5, 9, new BoxF(1, 2, 3, 4), 1, -1, -1),
            ],
            rows);
    }

    [Fact]
    public void A_bad_line_is_reported_with_its_number()
    {
        FormatException error = Assert.Throws<FormatException>(() => MotFile.Read(new StringReader("1,2,3,4,5,6\n1,x,3,4,5,6\n")));
        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tracked_objects_are_written_as_tracker_rows_with_class_id_plus_one()
    {
        var text = new StringWriter();
        var writer = new MotTrackWriter(text);

        writer.Write(3, [new DetectedObject(new BoxF(10.5f, 20, 30, 40.25f), 2, 0.875f) { TrackId = 7 }, new DetectedObject(new BoxF(1, 1, 1, 1), 0, 0.3f)]);

        Assert.Equal("3,7,10.5,20,30,40.25,0.875,3,-1,-1\n", text.ToString());
        Assert.Equal(1, writer.Rows);
        Assert.Equal(new MotRow(3, 7, new BoxF(10.5f, 20, 30, 40.25f), 0.875f, 3, -1), Assert.Single(MotFile.Read(new StringReader(text.ToString()))));
    }

    [Fact]
    public void The_sample_ground_truth_reads_whole_and_scores_perfect_against_itself()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Streams.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Streams.sln not found");
        }

        List<MotRow> truth = MotFile.Read(Path.Combine(root, "sample-streams", "quiet-street.gt.txt"));
        var tracks = new List<MotRow>();
        int ignored = 0;
        foreach (MotRow row in truth)
        {
            tracks.Add(row with { Confidence = 1, Visibility = -1 });
            ignored += MotEvaluator.IsIgnored(row, MotEvaluationOptions.Default) ? 1 : 0;
        }

        MotMetrics m = MotEvaluator.Evaluate(truth, tracks);

        Assert.Equal(3672, truth.Count);
        Assert.Equal(600, m.Frames);
        Assert.Equal(truth.Count - ignored, m.GroundTruth);
        Assert.Equal(ignored, m.IgnoredHypotheses);
        Assert.Equal((1.0, 1.0, 0L), (m.Mota, m.Idf1, m.IdSwitches));
    }
}
