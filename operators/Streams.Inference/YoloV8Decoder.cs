using Streams.Runtime;

namespace Streams.Inference;

/// <summary>
/// Ultralytics YOLOv8 / YOLO11 output <c>[4+C, A]</c> per image: rows cx, cy, w, h (input pixels), then one
/// sigmoid score per class. The best class per anchor is found with a vectorised pass over the class rows.
/// </summary>
public sealed class YoloV8Decoder : DetectionDecoder
{
    private float[] _best = [];
    private int[] _bestClass = [];

    /// <summary>Creates the decoder for <paramref name="classCount"/> classes.</summary>
    public YoloV8Decoder(int classCount)
        : base(classCount) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);

    /// <inheritdoc />
    public override DetectionDecoderKind Kind => DetectionDecoderKind.YoloV8;

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<float> output, int rows, int columns, ReadOnlySpan<float> classThresholds, float defaultThreshold,
        List<DetectionCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        RequireSize(output, rows, columns);
        if (rows != ClassCount + 4)
        {
            throw new ArgumentException($"A YOLOv8 output of {ClassCount} classes has {ClassCount + 4} rows, not {rows}.", nameof(rows));
        }

        int anchors = columns;
        Span<float> best = Grow(ref _best, anchors).AsSpan(0, anchors);
        Span<int> bestClass = Grow(ref _bestClass, anchors).AsSpan(0, anchors);
        ArgMaxRows(output, 4, ClassCount, anchors, best, bestClass);
        ReadOnlySpan<float> cx = output.Slice(0, anchors);
        ReadOnlySpan<float> cy = output.Slice(anchors, anchors);
        ReadOnlySpan<float> w = output.Slice(2 * anchors, anchors);
        ReadOnlySpan<float> h = output.Slice(3 * anchors, anchors);
        for (int a = 0; a < anchors; a++)
        {
            float score = best[a];
            int classId = bestClass[a];
            if (score > ThresholdOf(classThresholds, defaultThreshold, classId))
            {
                candidates.Add(new DetectionCandidate(new BoxF(cx[a] - (w[a] / 2), cy[a] - (h[a] / 2), w[a], h[a]), classId, score));
            }
        }
    }
}
