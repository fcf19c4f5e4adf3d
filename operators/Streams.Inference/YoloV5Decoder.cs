using Streams.Runtime;

namespace Streams.Inference;

/// <summary>
/// YOLOv5 / v7 output <c>[A, 5+C]</c> per image: cx, cy, w, h (input pixels), objectness, then class scores; the
/// confidence is objectness × the best class score (as in YOLOv5's NMS).
/// </summary>
public sealed class YoloV5Decoder : DetectionDecoder
{
    /// <summary>Creates the decoder for <paramref name="classCount"/> classes.</summary>
    public YoloV5Decoder(int classCount)
        : base(classCount) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);

    /// <inheritdoc />
    public override DetectionDecoderKind Kind => DetectionDecoderKind.YoloV5;

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<float> output, int rows, int columns, ReadOnlySpan<float> classThresholds, float defaultThreshold,
        List<DetectionCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        RequireSize(output, rows, columns);
        if (columns != ClassCount + 5)
        {
            throw new ArgumentException($"A YOLOv5 output of {ClassCount} classes has {ClassCount + 5} columns, not {columns}.", nameof(columns));
        }

        // Objectness below every threshold cannot make any class pass: most anchors stop at one comparison.
        float lowest = defaultThreshold;
        foreach (float t in classThresholds)
        {
            lowest = MathF.Min(lowest, t);
        }

        for (int a = 0; a < rows; a++)
        {
            ReadOnlySpan<float> row = output.Slice(a * columns, columns);
            float objectness = row[4];
            if (!(objectness > lowest))
            {
                continue;
            }

            int classId = 0;
            float best = row[5];
            for (int c = 1; c < ClassCount; c++)
            {
                if (row[5 + c] > best)
                {
                    best = row[5 + c];
                    classId = c;
                }
            }

            float score = objectness * best;
            if (score > ThresholdOf(classThresholds, defaultThreshold, classId))
            {
                candidates.Add(new DetectionCandidate(new BoxF(row[0] - (row[2] / 2), row[1] - (row[3] / 2), row[2], row[3]), classId, score));
            }
        }
    }
}
