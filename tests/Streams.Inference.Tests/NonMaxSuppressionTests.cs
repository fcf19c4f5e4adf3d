using Streams.Runtime;

namespace Streams.Inference.Tests;

[Trait("Tier", "Unit")]
public sealed class NonMaxSuppressionTests
{
    private static List<DetectionCandidate> Run(bool agnostic, int max, params DetectionCandidate[] candidates)
    {
        var kept = new List<DetectionCandidate>();
        NonMaxSuppression.Apply([.. candidates], 0.45f, agnostic, max, kept);
        return kept;
    }

    [Fact]
    public void Of_identical_boxes_only_the_best_survives()
    {
        var box = new BoxF(10, 10, 50, 50);

        List<DetectionCandidate> kept = Run(false, 300, new(box, 0, 0.6f), new(box, 0, 0.9f), new(box, 0, 0.7f));

        Assert.Equal([new DetectionCandidate(box, 0, 0.9f)], kept);
    }

    [Fact]
    public void Zero_area_boxes_overlap_nothing_so_they_neither_suppress_nor_are_suppressed()
    {
        var big = new DetectionCandidate(new BoxF(0, 0, 100, 100), 0, 0.5f);
        var flat = new DetectionCandidate(new BoxF(10, 10, 50, 0), 0, 0.9f);
        var point = new DetectionCandidate(new BoxF(10, 10, 0, 0), 0, 0.8f);

        List<DetectionCandidate> kept = Run(false, 300, big, flat, point);

        Assert.Equal([flat, point, big], kept);
    }

    [Fact]
    public void Overlapping_boxes_of_different_classes_both_survive_unless_suppression_is_class_agnostic()
    {
        var person = new DetectionCandidate(new BoxF(0, 0, 100, 100), 0, 0.9f);
        var bicycle = new DetectionCandidate(new BoxF(5, 5, 100, 100), 1, 0.8f);

        Assert.Equal([person, bicycle], Run(false, 300, bicycle, person));
        Assert.Equal([person], Run(true, 300, bicycle, person));
    }

    [Fact]
    public void A_box_is_suppressed_only_above_the_threshold_and_only_by_a_kept_box()
    {
        // a (0.9) overlaps b (0.8) heavily; b overlaps c (0.7) heavily; a and c do not overlap: greedy keeps a and c.
        var a = new DetectionCandidate(new BoxF(0, 0, 10, 10), 0, 0.9f);
        var b = new DetectionCandidate(new BoxF(2, 0, 10, 10), 0, 0.8f);
        var c = new DetectionCandidate(new BoxF(10, 0, 10, 10), 0, 0.7f);
        Assert.Equal([a, c], Run(false, 300, c, b, a));

        // IoU exactly 0.45 is not above the threshold: both kept. 0.45 = 90 / 200 with a 10x10 and a 10x19 box.
        var d = new DetectionCandidate(new BoxF(0, 0, 10, 10), 0, 0.9f);
        var e = new DetectionCandidate(new BoxF(0, 1, 10, 19), 0, 0.8f);
        Assert.Equal(0.45f, d.Box.IntersectionOverUnion(e.Box), 1e-6f);
        Assert.Equal([d, e], Run(false, 300, d, e));
    }

    [Fact]
    public void At_most_max_detections_are_kept_best_first()
    {
        var candidates = new DetectionCandidate[10];
        for (int i = 0; i < candidates.Length; i++)
        {
            candidates[i] = new DetectionCandidate(new BoxF(i * 20, 0, 10, 10), 0, i / 10f);
        }

        List<DetectionCandidate> kept = Run(false, 3, candidates);

        Assert.Equal([0.9f, 0.8f, 0.7f], kept.Select(k => k.Score));
    }

    [Fact]
    public void No_candidates_keep_nothing()
    {
        Assert.Empty(Run(false, 300));
    }
}
