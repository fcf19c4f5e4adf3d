using System.Globalization;

namespace Streams.Evaluation;

/// <summary>
/// How a detector's boxes matched ground truth over some frames (see <see cref="DetectionMatcher"/>): counts,
/// precision, recall and mean IoU, in total and per class. Ratios with a zero denominator are NaN, as in
/// <see cref="MotMetrics"/>: with nothing to count there is no figure to meet a floor.
/// </summary>
public sealed record DetectionScore
{
    /// <summary>Frames evaluated.</summary>
    public required int Frames { get; init; }

    /// <summary>Detections matched one-to-one to a ground-truth box of their class.</summary>
    public required long TruePositives { get; init; }

    /// <summary>Detections matched to nothing, and not excused by an ignored row.</summary>
    public required long FalsePositives { get; init; }

    /// <summary>Evaluated ground-truth boxes no detection matched.</summary>
    public required long FalseNegatives { get; init; }

    /// <summary>Unmatched detections that overlap an ignored ground-truth row: neither counted nor punished.</summary>
    public required long IgnoredDetections { get; init; }

    /// <summary>Sum of the IoU of the matched pairs.</summary>
    public required double IouSum { get; init; }

    /// <summary>
    /// The same figures per class, indexed by the detector's class id (MOTChallenge class − 1); classes never seen
    /// have zero counts. Empty for a per-class score itself.
    /// </summary>
    public IReadOnlyList<DetectionScore> PerClass { get; init; } = [];

    /// <summary>Evaluated ground-truth boxes: matched plus missed.</summary>
    public long GroundTruth => TruePositives + FalseNegatives;

    /// <summary>Evaluated detections: matched plus false.</summary>
    public long Detections => TruePositives + FalsePositives;

    /// <summary>TP / (TP + FP).</summary>
    public double Precision => (double)TruePositives / Detections;

    /// <summary>TP / (TP + FN).</summary>
    public double Recall => (double)TruePositives / GroundTruth;

    /// <summary>Mean IoU of the matched pairs.</summary>
    public double MeanIou => IouSum / TruePositives;

    /// <summary>One line of figures: counts, precision, recall, mean IoU.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"frames {Frames} TP {TruePositives} FP {FalsePositives} FN {FalseNegatives} ignored {IgnoredDetections} precision {Precision:F4} recall {Recall:F4} mean IoU {MeanIou:F3}");
}
