using Streams.Runtime;

namespace Streams.Inference.Tests;

[Trait("Tier", "Unit")]
public sealed class DecoderTests
{
    private static readonly float[] NoClassThresholds = [];

    [Fact]
    public void Yolov8_rows_give_boxes_from_centre_and_size_with_the_best_class()
    {
        // 3 classes, 4 anchors: rows cx, cy, w, h, s0, s1, s2.
        float[] output =
        [
            100, 200, 300, 400,
            50, 60, 70, 80,
            20, 10, 40, 30,
            10, 20, 30, 40,
            0.9f, 0.1f, 0.2f, 0.25f,
            0.3f, 0.8f, 0.1f, 0.2f,
            0.1f, 0.1f, 0.6f, 0.1f,
        ];
        var decoder = new YoloV8Decoder(3);
        var candidates = new List<DetectionCandidate>();

        decoder.Decode(output, 7, 4, NoClassThresholds, 0.25f, candidates);

        Assert.Equal(
            [
                new DetectionCandidate(new BoxF(90, 45, 20, 10), 0, 0.9f),
                new DetectionCandidate(new BoxF(195, 50, 10, 20), 1, 0.8f),
                new DetectionCandidate(new BoxF(280, 55, 40, 30), 2, 0.6f),
            ],
            candidates);
    }

    [Fact]
    public void Per_class_thresholds_and_a_threshold_of_infinity_act_as_an_allow_list_after_the_best_class()
    {
        // Rows cx, cy, w, h, s0, s1, s2 for 2 anchors. Anchor 0: best class 0 (0.5). Anchor 1: best class 1 (0.6), then 2 (0.55).
        float[] output = [10, 10, 10, 10, 2, 2, 2, 2, 0.5f, 0.2f, 0.3f, 0.6f, 0.4f, 0.55f];
        var candidates = new List<DetectionCandidate>();

        // A class-1 threshold of 0.65 drops anchor 1.
        new YoloV8Decoder(3).Decode(output, 7, 2, [0.25f, 0.65f, 0.25f], 0.25f, candidates);
        Assert.Equal(0, Assert.Single(candidates).ClassId);

        // Only class 2 allowed: neither anchor's best class is 2, so nothing passes (no fall-back to the runner-up).
        candidates.Clear();
        float[] onlyTwo = [float.PositiveInfinity, float.PositiveInfinity, 0.25f];
        new YoloV8Decoder(3).Decode(output, 7, 2, onlyTwo, float.PositiveInfinity, candidates);
        Assert.Empty(candidates);

        // Anchor 1 with class 2 best passes the same list.
        output[13] = 0.7f;
        new YoloV8Decoder(3).Decode(output, 7, 2, onlyTwo, float.PositiveInfinity, candidates);
        DetectionCandidate only = Assert.Single(candidates);
        Assert.Equal((2, 0.7f), (only.ClassId, only.Score));
    }

    [Fact]
    public void A_score_equal_to_the_threshold_is_dropped()
    {
        var candidates = new List<DetectionCandidate>();
        new YoloV8Decoder(1).Decode([1, 1, 1, 1, 0.25f], 5, 1, NoClassThresholds, 0.25f, candidates);
        Assert.Empty(candidates);
    }

    [Fact]
    public void The_vectorised_argmax_matches_a_plain_loop_for_any_anchor_count()
    {
        var random = new Random(1);
        foreach (int anchors in new[] { 1, 7, 8, 9, 33, 8400 })
        {
            const int Classes = 11;
            float[] output = new float[(4 + Classes) * anchors];
            for (int i = 0; i < output.Length; i++)
            {
                output[i] = random.NextSingle();
            }

            var candidates = new List<DetectionCandidate>();
            new YoloV8Decoder(Classes).Decode(output, 4 + Classes, anchors, NoClassThresholds, 0.5f, candidates);

            var expected = new List<(int, float)>();
            for (int a = 0; a < anchors; a++)
            {
                int best = 0;
                for (int c = 1; c < Classes; c++)
                {
                    if (output[((4 + c) * anchors) + a] > output[((4 + best) * anchors) + a])
                    {
                        best = c;
                    }
                }

                float score = output[((4 + best) * anchors) + a];
                if (score > 0.5f)
                {
                    expected.Add((best, score));
                }
            }

            Assert.Equal(expected, candidates.Select(c => (c.ClassId, c.Score)));
        }
    }

    [Fact]
    public void Yolov5_rows_multiply_objectness_by_the_best_class_score()
    {
        // 2 classes, 3 anchors: cx, cy, w, h, obj, c0, c1.
        float[] output =
        [
            50, 50, 20, 10, 0.9f, 0.2f, 0.8f,
            60, 60, 10, 10, 0.2f, 0.9f, 0.1f,
            70, 80, 30, 40, 0.6f, 0.7f, 0.3f,
        ];
        var candidates = new List<DetectionCandidate>();

        new YoloV5Decoder(2).Decode(output, 3, 7, NoClassThresholds, 0.25f, candidates);

        Assert.Equal(2, candidates.Count);
        Assert.Equal(new BoxF(40, 45, 20, 10), candidates[0].Box);
        Assert.Equal((1, 0.72f), (candidates[0].ClassId, candidates[0].Score), new ScoreComparer());
        Assert.Equal(new BoxF(55, 60, 30, 40), candidates[1].Box);
        Assert.Equal((0, 0.42f), (candidates[1].ClassId, candidates[1].Score), new ScoreComparer());
    }

    [Fact]
    public void End_to_end_rows_are_corners_score_and_class_and_need_no_suppression()
    {
        float[] output =
        [
            10, 20, 110, 220, 0.95f, 3,
            15, 25, 115, 225, 0.9f, 3,
            0, 0, 5, 5, 0.1f, 1,
            0, 0, 5, 5, 0.8f, -1,
            0, 0, 5, 5, 0.8f, 2.5f,
        ];
        var decoder = new EndToEndDecoder();
        var candidates = new List<DetectionCandidate>();

        decoder.Decode(output, 5, 6, NoClassThresholds, 0.25f, candidates);

        Assert.False(decoder.NeedsSuppression);
        Assert.Equal(
            [new DetectionCandidate(new BoxF(10, 20, 100, 200), 3, 0.95f), new DetectionCandidate(new BoxF(15, 25, 100, 200), 3, 0.9f)],
            candidates);
    }

    [Theory]
    [InlineData(1, 84, 8400, DetectionDecoderKind.YoloV8, 80)]
    [InlineData(4, 6, 8400, DetectionDecoderKind.YoloV8, 2)]
    [InlineData(1, 25200, 85, DetectionDecoderKind.YoloV5, 80)]
    [InlineData(1, 300, 6, DetectionDecoderKind.EndToEnd, 0)]
    [InlineData(-1, 100, 6, DetectionDecoderKind.EndToEnd, 0)]
    public void The_decoder_is_chosen_from_the_output_shape(long n, long a, long b, DetectionDecoderKind kind, int classes)
    {
        DetectionDecoder decoder = DetectionDecoder.Create(DetectionDecoderKind.Auto, [n, a, b], 640, 640, null, "m.onnx");

        Assert.Equal((kind, classes), (decoder.Kind, decoder.ClassCount));
    }

    [Fact]
    public void A_single_class_yolov5_output_is_not_mistaken_for_an_end_to_end_one()
    {
        Assert.Equal(25200, DetectionDecoder.YoloV5Anchors(640, 640));
        Assert.Equal(8400, DetectionDecoder.YoloV8Anchors(640, 640));
        DetectionDecoder decoder = DetectionDecoder.Create(DetectionDecoderKind.Auto, [1, 25200, 6], 640, 640, 1, "m.onnx");
        Assert.Equal((DetectionDecoderKind.YoloV5, 1), (decoder.Kind, decoder.ClassCount));
    }

    [Fact]
    public void An_explicit_decoder_overrides_the_shape_rule()
    {
        DetectionDecoder decoder = DetectionDecoder.Create(DetectionDecoderKind.YoloV5, [1, 300, 6], 640, 640, null, "m.onnx");
        Assert.Equal((DetectionDecoderKind.YoloV5, 1), (decoder.Kind, decoder.ClassCount));
    }

    [Theory]
    [InlineData(new long[] { 1, 84 }, "[1,84]")]
    [InlineData(new long[] { 1, 4, 4 }, "[1,4,4]")]
    [InlineData(new long[] { 1, 3, 2 }, "[1,3,2]")]
    [InlineData(new long[] { 1, 84, 80, 80 }, "[1,84,80,80]")]
    public void An_output_that_fits_no_decoder_is_an_error_naming_the_model_and_the_shape(long[] shape, string text)
    {
        ModelLoadException error = Assert.Throws<ModelLoadException>(
            () => DetectionDecoder.Create(DetectionDecoderKind.Auto, shape, 640, 640, null, "models/odd.onnx"));

        Assert.Equal($"Model 'models/odd.onnx': its output has shape {text}, which fits no detection decoder " +
            "(YOLOv8 [N,4+C,A], YOLOv5 [N,A,5+C] or end-to-end [N,K,6])", error.Message);
    }

    [Fact]
    public void An_explicit_decoder_the_shape_cannot_fit_and_a_wrong_class_count_are_errors()
    {
        ModelLoadException wrongKind = Assert.Throws<ModelLoadException>(
            () => DetectionDecoder.Create(DetectionDecoderKind.EndToEnd, [1, 84, 5], 640, 640, null, "m.onnx"));
        Assert.Contains("does not fit the end2end decoder", wrongKind.Message, StringComparison.Ordinal);

        ModelLoadException wrongCount = Assert.Throws<ModelLoadException>(
            () => DetectionDecoder.Create(DetectionDecoderKind.Auto, [1, 84, 8400], 640, 640, 3, "m.onnx"));
        Assert.Contains("has 80 classes, but 3 class names are given", wrongCount.Message, StringComparison.Ordinal);
    }

    private sealed class ScoreComparer : IEqualityComparer<(int, float)>
    {
        public bool Equals((int, float) x, (int, float) y) => x.Item1 == y.Item1 && MathF.Abs(x.Item2 - y.Item2) < 1e-6f;

        public int GetHashCode((int, float) obj) => obj.Item1;
    }
}
