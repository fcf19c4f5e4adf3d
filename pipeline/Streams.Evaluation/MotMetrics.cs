using System.Globalization;

namespace Streams.Evaluation;

/// <summary>
/// CLEAR MOT and identity metrics of a tracker against ground truth. Ratios with a zero denominator are NaN.
/// </summary>
public sealed record MotMetrics
{
    /// <summary>Frames evaluated.</summary>
    public required int Frames { get; init; }

    /// <summary>Ground-truth boxes evaluated (ignored rows excluded).</summary>
    public required long GroundTruth { get; init; }

    /// <summary>Tracker boxes evaluated (those matched to ignored rows excluded).</summary>
    public required long Hypotheses { get; init; }

    /// <summary>Matched pairs, switches included.</summary>
    public required long Matches { get; init; }

    /// <summary>Tracker boxes matched to nothing.</summary>
    public required long FalsePositives { get; init; }

    /// <summary>Ground-truth boxes matched to nothing.</summary>
    public required long FalseNegatives { get; init; }

    /// <summary>Matches whose track differs from the object's previous match.</summary>
    public required long IdSwitches { get; init; }

    /// <summary>Times an object's tracking was interrupted and resumed.</summary>
    public required long Fragmentations { get; init; }

    /// <summary>Tracker boxes dropped because they matched an ignored ground-truth row.</summary>
    public long IgnoredHypotheses { get; init; }

    /// <summary>Ground-truth objects.</summary>
    public required int GroundTruthTracks { get; init; }

    /// <summary>Objects matched in at least 80% of their frames.</summary>
    public required int MostlyTracked { get; init; }

    /// <summary>Objects matched in 20% to 80% of their frames.</summary>
    public required int PartiallyTracked { get; init; }

    /// <summary>Objects matched in less than 20% of their frames.</summary>
    public required int MostlyLost { get; init; }

    /// <summary>Sum of the matched pairs' distances (1 - IoU for boxes).</summary>
    public required double DistanceSum { get; init; }

    /// <summary>Identity true positives: frames matched under the best one-to-one id mapping.</summary>
    public required long IdTruePositives { get; init; }

    /// <summary>1 - (FN + FP + IDSW) / GT.</summary>
    public double Mota => 1 - ((double)(FalseNegatives + FalsePositives + IdSwitches) / GroundTruth);

    /// <summary>Mean distance of the matched pairs (py-motmetrics' motp).</summary>
    public double MeanDistance => DistanceSum / Matches;

    /// <summary>Mean IoU of the matched pairs (MOTChallenge's MOTP), when distances are 1 - IoU.</summary>
    public double Motp => 1 - MeanDistance;

    /// <summary>Matches / tracker boxes.</summary>
    public double Precision => (double)Matches / Hypotheses;

    /// <summary>Matches / ground-truth boxes.</summary>
    public double Recall => (double)Matches / GroundTruth;

    /// <summary>Tracker boxes outside the best id mapping.</summary>
    public long IdFalsePositives => Hypotheses - IdTruePositives;

    /// <summary>Ground-truth boxes outside the best id mapping.</summary>
    public long IdFalseNegatives => GroundTruth - IdTruePositives;

    /// <summary>2 IDTP / (GT + tracker boxes).</summary>
    public double Idf1 => 2.0 * IdTruePositives / (GroundTruth + Hypotheses);

    /// <summary>IDTP / tracker boxes.</summary>
    public double Idp => (double)IdTruePositives / Hypotheses;

    /// <summary>IDTP / ground-truth boxes.</summary>
    public double Idr => (double)IdTruePositives / GroundTruth;

    /// <summary>The column names of <see cref="ToTableRow"/>.</summary>
    public static string TableHeader =>
        $"{"MOTA",7} {"MOTP",6} {"IDF1",6} {"IDP",6} {"IDR",6} {"Rcll",6} {"Prcn",6} {"GT",7} {"MT",4} {"PT",4} {"ML",4} {"FP",6} {"FN",6} {"IDSW",5} {"FM",5}";

    /// <summary>One line of figures, percentages like MOTChallenge's tables.</summary>
    public string ToTableRow() => string.Create(CultureInfo.InvariantCulture,
        $"{Mota * 100,6:F1}% {Motp,6:F3} {Idf1 * 100,5:F1}% {Idp * 100,5:F1}% {Idr * 100,5:F1}% {Recall * 100,5:F1}% {Precision * 100,5:F1}% {GroundTruth,7} {MostlyTracked,4} {PartiallyTracked,4} {MostlyLost,4} {FalsePositives,6} {FalseNegatives,6} {IdSwitches,5} {Fragmentations,5}");
}
