using Streams.Runtime;

namespace Streams.Inference;

/// <summary>
/// End-to-end (NMS-free) output <c>[K, 6]</c> per image: x1, y1, x2, y2 (input pixels), score, class index. Rows
/// with a class index that is not a whole non-negative number are skipped; no suppression follows.
/// </summary>
public sealed class EndToEndDecoder : DetectionDecoder
{
    /// <summary>Creates the decoder.</summary>
    public EndToEndDecoder()
        : base(0)
    {
    }

    /// <inheritdoc />
    public override DetectionDecoderKind Kind => DetectionDecoderKind.EndToEnd;

    /// <inheritdoc />
    public override bool NeedsSuppression => false;

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<float> output, int rows, int columns, ReadOnlySpan<float> classThresholds, float defaultThreshold,
        List<DetectionCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        RequireSize(output, rows, columns);
        if (columns < 6)
        {
            throw new ArgumentException($"An end-to-end output has at least 6 columns, not {columns}.", nameof(columns));
        }

        for (int k = 0; k < rows; k++)
        {
            ReadOnlySpan<float> row = output.Slice(k * columns, 6);
            float classValue = row[5];
            if (!(classValue >= 0 && classValue < int.MaxValue) || classValue != MathF.Floor(classValue))
            {
                continue;
            }

            int classId = (int)classValue;
            float score = row[4];
            if (score > ThresholdOf(classThresholds, defaultThreshold, classId))
            {
                candidates.Add(new DetectionCandidate(BoxF.FromCorners(row[0], row[1], row[2], row[3]), classId, score));
            }
        }
    }
}
