using Streams.Runtime;

namespace Streams.Evaluation.Tests;

[Trait("Tier", "Unit")]
public sealed class DetectionMatcherTests
{
    private const int Person = 0;
    private const int Car = 2;

    // The sample streams' detector rule: rows less than half visible are ignored.
    private static readonly MotEvaluationOptions s_halfVisible = new() { MinVisibility = 0.5 };

    /// <summary>A ground-truth row; <paramref name="classId"/> is the detector's class id (the row holds it + 1).</summary>
    private static MotRow Truth(long id, float left, float top = 100, float width = 40, float height = 40, int classId = Car, float visibility = 1, float conf = 1) =>
        new(1, id, new BoxF(left, top, width, height), conf, classId + 1, visibility);

    private static DetectedObject Detection(float left, float top = 100, float width = 40, float height = 40, int classId = Car) =>
        new(new BoxF(left, top, width, height), classId, 0.9f);

    private static DetectionScore Score(DetectedObject[] detections, MotRow[] truth)
    {
        var matcher = new DetectionMatcher(s_halfVisible);
        matcher.AddFrame(detections, truth);
        return matcher.GetScore();
    }

    private static (long Tp, long Fp, long Fn, long Ignored) Counts(DetectionScore s) => (s.TruePositives, s.FalsePositives, s.FalseNegatives, s.IgnoredDetections);

    [Fact]
    public void Exact_boxes_of_the_right_class_are_all_true_positives_with_iou_1()
    {
        DetectionScore s = Score([Detection(0), Detection(100, classId: Person)], [Truth(1, 0), Truth(2, 100, classId: Person)]);

        Assert.Equal((2L, 0L, 0L, 0L), Counts(s));
        Assert.Equal((1.0, 1.0, 1.0), (s.Precision, s.Recall, s.MeanIou));
        Assert.Equal(1, s.PerClass[Person].TruePositives);
        Assert.Equal(1, s.PerClass[Car].TruePositives);
        Assert.Equal(0, s.PerClass[1].GroundTruth);
    }

    [Fact]
    public void A_box_of_another_class_never_matches_even_when_identical()
    {
        DetectionScore s = Score([Detection(0, classId: Person)], [Truth(1, 0, classId: Car)]);

        Assert.Equal((0L, 1L, 1L, 0L), Counts(s));
        Assert.Equal(1, s.PerClass[Person].FalsePositives);
        Assert.Equal(1, s.PerClass[Car].FalseNegatives);
    }

    [Fact]
    public void Classes_are_not_compared_when_the_options_say_so()
    {
        var matcher = new DetectionMatcher(new MotEvaluationOptions { MinVisibility = 0.5, ClassAware = false });
        matcher.AddFrame([Detection(0, classId: Person)], [Truth(1, 0, classId: Car)]);

        Assert.Equal((1L, 0L, 0L, 0L), Counts(matcher.GetScore()));
    }

    [Fact]
    public void A_match_needs_iou_of_at_least_one_half()
    {
        // 40x40 boxes shifted by 13 px: IoU 27/53 = 0.509; by 14 px: 26/54 = 0.481.
        Assert.Equal((1L, 0L, 0L, 0L), Counts(Score([Detection(13)], [Truth(1, 0)])));
        Assert.Equal((0L, 1L, 1L, 0L), Counts(Score([Detection(14)], [Truth(1, 0)])));
    }

    [Fact]
    public void Greedy_matching_takes_the_highest_iou_first_and_uses_each_box_once()
    {
        // IoU of 40x40 boxes shifted by s px: (40 - s) / (40 + s). A-1 1.0, B-2 0.905, B-1 0.702, A-2 0.633.
        // Greedy: A-1, then B-2; B-1 and A-2 are skipped because their boxes are taken.
        DetectedObject a = Detection(0);
        DetectedObject b = Detection(7);
        MotRow one = Truth(1, 0);
        MotRow two = Truth(2, 9);

        DetectionScore s = Score([a, b], [one, two]);

        Assert.Equal((2L, 0L, 0L, 0L), Counts(s));
        Assert.Equal((1 + b.Box.IntersectionOverUnion(two.Box)) / 2, s.MeanIou, 6);
    }

    [Fact]
    public void Two_detections_on_one_object_give_one_true_positive_and_one_false_positive()
    {
        DetectionScore s = Score([Detection(2), Detection(0)], [Truth(1, 0)]);

        Assert.Equal((1L, 1L, 0L, 0L), Counts(s));
        // The better one (IoU 1) is the match.
        Assert.Equal(1, s.MeanIou, 6);
    }

    [Fact]
    public void Greedy_is_not_optimal_and_says_so_by_its_counts()
    {
        // The reference evaluation is greedy: detection A takes truth 1 (its best, IoU 0.9) although truth 2 could
        // only have matched A; an optimal assignment would have matched both.
        DetectedObject a = Detection(2);
        DetectedObject b = Detection(-13);
        MotRow one = Truth(1, 0);
        MotRow two = Truth(2, 14);
        Assert.True(a.Box.IntersectionOverUnion(one.Box) > a.Box.IntersectionOverUnion(two.Box));
        Assert.True(a.Box.IntersectionOverUnion(two.Box) >= 0.5f);
        Assert.True(b.Box.IntersectionOverUnion(one.Box) >= 0.5f);
        Assert.True(b.Box.IntersectionOverUnion(two.Box) < 0.5f);

        DetectionScore s = Score([a, b], [one, two]);

        // a-1 (0.905) first; then a-2 (0.538) and b-1 (0.509) each find a box taken: b and 2 are left.
        Assert.Equal((1L, 1L, 1L, 0L), Counts(s));
    }

    [Fact]
    public void An_ignored_row_is_not_a_miss_and_excuses_the_detection_on_it()
    {
        MotRow hidden = Truth(1, 0, visibility: 0.4f);
        MotRow flagged = Truth(2, 200, conf: 0);

        DetectionScore seen = Score([Detection(1), Detection(200)], [hidden, flagged]);
        DetectionScore unseen = Score([], [hidden, flagged]);

        Assert.Equal((0L, 0L, 0L, 2L), Counts(seen));
        Assert.Equal(2, seen.PerClass[Car].IgnoredDetections);
        Assert.Equal((0L, 0L, 0L, 0L), Counts(unseen));
    }

    [Fact]
    public void An_ignored_row_excuses_only_detections_of_its_class_at_the_match_iou()
    {
        MotRow hidden = Truth(1, 0, visibility: 0.3f);

        Assert.Equal((0L, 1L, 0L, 0L), Counts(Score([Detection(0, classId: Person)], [hidden])));
        Assert.Equal((0L, 1L, 0L, 0L), Counts(Score([Detection(20)], [hidden])));
    }

    [Fact]
    public void A_detection_prefers_a_visible_row_to_an_ignored_one()
    {
        // Both rows sit under the detection; the visible one is matched, the ignored one is simply not counted.
        DetectionScore s = Score([Detection(0)], [Truth(1, 0, visibility: 0.2f, conf: 0), Truth(2, 1)]);

        Assert.Equal((1L, 0L, 0L, 0L), Counts(s));
    }

    [Fact]
    public void Exactly_half_visible_counts_and_unknown_visibility_counts()
    {
        DetectionScore s = Score([], [Truth(1, 0, visibility: 0.5f), Truth(2, 100, visibility: -1)]);

        Assert.Equal((0L, 0L, 2L, 0L), Counts(s));
        Assert.Equal(0, s.Recall);
    }

    [Fact]
    public void A_row_of_unknown_class_matches_any_class_and_counts_in_the_totals_only()
    {
        var row = new MotRow(1, 1, new BoxF(0, 100, 40, 40), 1, -1, 1);

        DetectionScore s = Score([Detection(0, classId: Person)], [row]);

        Assert.Equal((1L, 0L, 0L, 0L), Counts(s));
        Assert.Empty(s.PerClass);
    }

    [Fact]
    public void Empty_frames_count_as_frames_and_leave_the_ratios_undefined()
    {
        var matcher = new DetectionMatcher(s_halfVisible);
        matcher.AddFrame([], []);
        matcher.AddFrame([], []);

        DetectionScore s = matcher.GetScore();

        Assert.Equal(2, s.Frames);
        Assert.Equal((0L, 0L, 0L, 0L), Counts(s));
        Assert.True(double.IsNaN(s.Precision));
        Assert.True(double.IsNaN(s.Recall));
        Assert.True(double.IsNaN(s.MeanIou));
        Assert.Empty(s.PerClass);
    }

    [Fact]
    public void Detections_without_truth_are_false_positives_and_truth_without_detections_are_misses()
    {
        DetectionScore onlyDetections = Score([Detection(0), Detection(100, classId: Person)], []);
        DetectionScore onlyTruth = Score([], [Truth(1, 0), Truth(2, 100)]);

        Assert.Equal((0L, 2L, 0L, 0L), Counts(onlyDetections));
        Assert.Equal(0, onlyDetections.Precision);
        Assert.True(double.IsNaN(onlyDetections.Recall));
        Assert.Equal((0L, 0L, 2L, 0L), Counts(onlyTruth));
        Assert.Equal(0, onlyTruth.Recall);
        Assert.True(double.IsNaN(onlyTruth.Precision));
    }

    [Fact]
    public void Frames_accumulate_and_buffers_grow_with_crowded_frames()
    {
        var matcher = new DetectionMatcher(s_halfVisible);
        var detections = new DetectedObject[150];
        var truth = new MotRow[150];
        for (int i = 0; i < 150; i++)
        {
            detections[i] = Detection(i * 50);
            truth[i] = Truth(i, i * 50);
        }

        matcher.AddFrame(detections, truth);
        matcher.AddFrame(detections.AsSpan(0, 10), truth.AsSpan(0, 20));

        DetectionScore s = matcher.GetScore();
        Assert.Equal(2, s.Frames);
        Assert.Equal((160L, 0L, 10L, 0L), Counts(s));
        Assert.Equal(160.0 / 170, s.Recall, 12);
    }

    [Fact]
    public void The_summary_line_is_invariant()
    {
        DetectionScore s = Score([Detection(0)], [Truth(1, 0)]);

        Assert.Equal("frames 1 TP 1 FP 0 FN 0 ignored 0 precision 1.0000 recall 1.0000 mean IoU 1.000", s.ToString());
    }
}
