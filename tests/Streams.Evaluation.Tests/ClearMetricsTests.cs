using Streams.Runtime;

namespace Streams.Evaluation.Tests;

[Trait("Tier", "Unit")]
public sealed class ClearMetricsTests
{
    private static MotRow Row(int frame, long id, float left, float top = 100, float width = 40, float height = 40, float conf = 1, int cls = 1, float visibility = 1) =>
        new(frame, id, new BoxF(left, top, width, height), conf, cls, visibility);

    /// <summary>A tracker row: class 1, no visibility.</summary>
    private static MotRow Hyp(int frame, long id, float left, float top = 100, float width = 40, float height = 40, int cls = 1) =>
        new(frame, id, new BoxF(left, top, width, height), 0.9f, cls, -1);

    [Fact]
    public void A_perfect_tracker_scores_mota_1_and_idf1_1()
    {
        var truth = new List<MotRow>();
        var tracks = new List<MotRow>();
        for (int f = 1; f <= 10; f++)
        {
            truth.Add(Row(f, 1, 10 * f));
            truth.Add(Row(f, 2, 500 - (10 * f)));
            tracks.Add(Hyp(f, 7, 10 * f));
            tracks.Add(Hyp(f, 9, 500 - (10 * f)));
        }

        MotMetrics m = MotEvaluator.Evaluate(truth, tracks);

        Assert.Equal((10, 20L, 20L, 0L, 0L, 0L), (m.Frames, m.GroundTruth, m.Matches, m.FalsePositives, m.FalseNegatives, m.IdSwitches));
        Assert.Equal(1, m.Mota);
        Assert.Equal(1, m.Motp, 12);
        Assert.Equal((1.0, 1.0, 1.0), (m.Idf1, m.Idp, m.Idr));
        Assert.Equal((2, 2, 0, 0, 0L), (m.GroundTruthTracks, m.MostlyTracked, m.PartiallyTracked, m.MostlyLost, m.Fragmentations));
    }

    [Fact]
    public void One_id_switch_costs_mota_and_halves_idf1()
    {
        // Object 1 is track 10 in frames 1-2 and track 11 in frames 3-4.
        MotRow[] truth = [Row(1, 1, 0), Row(2, 1, 5), Row(3, 1, 10), Row(4, 1, 15)];
        MotRow[] tracks = [Hyp(1, 10, 0), Hyp(2, 10, 5), Hyp(3, 11, 10), Hyp(4, 11, 15)];

        MotMetrics m = MotEvaluator.Evaluate(truth, tracks);

        Assert.Equal((4L, 1L, 0L, 0L), (m.Matches, m.IdSwitches, m.FalsePositives, m.FalseNegatives));
        Assert.Equal(0.75, m.Mota);
        Assert.Equal((2L, 2L, 2L), (m.IdTruePositives, m.IdFalsePositives, m.IdFalseNegatives));
        Assert.Equal((0.5, 0.5, 0.5), (m.Idf1, m.Idp, m.Idr));
    }

    [Fact]
    public void Misses_and_extra_boxes_are_false_negatives_and_false_positives()
    {
        // Frame 1: both found plus a stray box; frame 2: object 2 missed, and object 1's box overlaps only IoU 1/3.
        MotRow[] truth = [Row(1, 1, 0), Row(1, 2, 200), Row(2, 1, 0), Row(2, 2, 200)];
        MotRow[] tracks = [Hyp(1, 1, 0), Hyp(1, 2, 200), Hyp(1, 3, 600), Hyp(2, 1, 20)];

        MotMetrics m = MotEvaluator.Evaluate(truth, tracks);

        Assert.Equal((4L, 2L, 2L, 2L, 0L), (m.GroundTruth, m.Matches, m.FalsePositives, m.FalseNegatives, m.IdSwitches));
        Assert.Equal(0, m.Mota);
        Assert.Equal((0.5, 0.5), (m.Precision, m.Recall));
    }

    [Fact]
    public void A_previous_match_that_still_overlaps_is_kept_even_when_another_box_fits_better()
    {
        // Frame 2: track 1 still overlaps object a (IoU 0.6), track 2 fits a better (IoU 0.9) but a keeps track 1.
        MotRow[] truth = [Row(1, 1, 0), Row(1, 2, 300), Row(2, 1, 0), Row(2, 2, 600)];
        MotRow[] tracks = [Hyp(1, 1, 0), Hyp(1, 2, 300), Hyp(2, 1, 10), Hyp(2, 2, 2.105f)];

        MotMetrics m = MotEvaluator.Evaluate(truth, tracks);

        Assert.Equal((3L, 0L, 1L, 1L), (m.Matches, m.IdSwitches, m.FalsePositives, m.FalseNegatives));
    }

    [Fact]
    public void Ignored_rows_neither_count_nor_punish_a_box_on_them()
    {
        // Object 2 is marked ignore (conf 0) in frame 1 and barely visible (0.2) in frame 2; the tracker boxes on it
        // are dropped, and a box on nothing is still a false positive.
        MotRow[] truth = [Row(1, 1, 0), Row(1, 2, 300, conf: 0, visibility: 0.1f), Row(2, 1, 0), Row(2, 2, 300, visibility: 0.2f)];
        MotRow[] tracks = [Hyp(1, 1, 0), Hyp(1, 2, 300), Hyp(2, 1, 0), Hyp(2, 2, 300), Hyp(2, 3, 900)];

        MotMetrics m = MotEvaluator.Evaluate(truth, tracks);
        MotMetrics byConfidenceOnly = MotEvaluator.Evaluate(truth, tracks, new MotEvaluationOptions { MinVisibility = 0 });

        Assert.Equal((2L, 2L, 1L, 0L, 2L), (m.GroundTruth, m.Matches, m.FalsePositives, m.FalseNegatives, m.IgnoredHypotheses));
        Assert.Equal(0.5, m.Mota);
        Assert.Equal((3L, 3L, 1L, 1L), (byConfidenceOnly.GroundTruth, byConfidenceOnly.Matches, byConfidenceOnly.FalsePositives, byConfidenceOnly.IgnoredHypotheses));
    }

    [Fact]
    public void Boxes_of_another_class_do_not_match()
    {
        MotMetrics m = MotEvaluator.Evaluate([Row(1, 1, 0, cls: 3)], [Hyp(1, 1, 0, cls: 4)]);
        MotMetrics agnostic = MotEvaluator.Evaluate([Row(1, 1, 0, cls: 3)], [Hyp(1, 1, 0, cls: 4)], new MotEvaluationOptions { ClassAware = false });

        Assert.Equal((0L, 1L, 1L), (m.Matches, m.FalsePositives, m.FalseNegatives));
        Assert.Equal(1L, agnostic.Matches);
    }

    [Fact]
    public void An_interrupted_track_counts_one_fragmentation_and_classes_are_evaluated_apart()
    {
        var truth = new List<MotRow>();
        var tracks = new List<MotRow>();
        for (int f = 1; f <= 10; f++)
        {
            truth.Add(Row(f, 1, 10 * f));
            truth.Add(Row(f, 2, 400, cls: 3));
            if (f is < 4 or > 5)
            {
                tracks.Add(Hyp(f, 5, 10 * f));
            }

            tracks.Add(Hyp(f, 6, 400, cls: 3));
        }

        MotMetrics all = MotEvaluator.Evaluate(truth, tracks);
        SortedDictionary<int, MotMetrics> byClass = MotEvaluator.EvaluateByClass(truth, tracks);

        Assert.Equal((1L, 2L, 0L), (all.Fragmentations, all.FalseNegatives, all.IdSwitches));
        Assert.Equal([1, 3], byClass.Keys);
        Assert.Equal((0.8, 1.0), (byClass[1].Mota, byClass[3].Mota));
        Assert.Equal(1, byClass[1].MostlyTracked);
    }

    [Fact]
    public void The_accumulator_reproduces_the_documented_py_motmetrics_example()
    {
        // py-motmetrics README / motmetrics/apps/example.py: objects a, b; documented summary MOTA 50%, MOTP 0.340,
        // IDF1 83.3%, 1 FP, 1 FN, 1 switch, 1 fragmentation, MT 1, PT 1; the first two frames: MOTA 50%, MOTP 0.167.
        const long a = 1, b = 2;
        var acc = new MotAccumulator();
        acc.Update([a, b], [1, 2, 3], [0.1, double.NaN, 0.3, 0.5, 0.2, 0.3]);
        acc.Update([a, b], [1], [0.2, 0.4]);
        MotMetrics part = acc.Compute();
        acc.Update([a, b], [1, 3], [0.6, 0.2, 0.1, 0.6]);
        MotMetrics full = acc.Compute();

        Assert.Equal(0.5, part.Mota, 12);
        Assert.Equal(0.5 / 3, part.MeanDistance, 12);
        Assert.Equal(0.5, full.Mota, 12);
        Assert.Equal(0.34, full.MeanDistance, 12);
        Assert.Equal((5L, 1L, 1L, 1L, 1L), (full.Matches, full.FalsePositives, full.FalseNegatives, full.IdSwitches, full.Fragmentations));
        Assert.Equal((1, 1, 0), (full.MostlyTracked, full.PartiallyTracked, full.MostlyLost));
        Assert.Equal(5.0 / 6, full.Idf1, 12);
        Assert.Equal(5.0 / 6, full.Idp, 12);
        Assert.Equal(5.0 / 6, full.Idr, 12);
        Assert.Equal(5.0 / 6, full.Recall, 12);
        Assert.Equal(5.0 / 6, full.Precision, 12);
    }
}
