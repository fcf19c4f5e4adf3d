using Streams.Tracking.Internal;

namespace Streams.Evaluation;

/// <summary>
/// Evaluates MOTChallenge tracker output against ground truth with the MOTChallenge rules: boxes match at
/// IoU ≥ <see cref="MotEvaluationOptions.MinIou"/> (distance 1 - IoU); ignored ground-truth rows (confidence 0, or a
/// visibility below <see cref="MotEvaluationOptions.MinVisibility"/>) neither count nor punish: a tracker box that
/// matches one (Hungarian over all of the frame's ground truth) is dropped, not counted as a false positive.
/// </summary>
public static class MotEvaluator
{
    /// <summary>Evaluates <paramref name="tracks"/> against <paramref name="groundTruth"/>, all classes together.</summary>
    public static MotMetrics Evaluate(IEnumerable<MotRow> groundTruth, IEnumerable<MotRow> tracks, MotEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(tracks);
        options ??= MotEvaluationOptions.Default;
        var frames = new SortedDictionary<int, (List<MotRow> Truth, List<MotRow> Tracks)>();
        foreach (MotRow row in groundTruth)
        {
            FrameOf(frames, row.Frame).Truth.Add(row);
        }

        foreach (MotRow row in tracks)
        {
            FrameOf(frames, row.Frame).Tracks.Add(row);
        }

        var accumulator = new MotAccumulator();
        var solver = new LinearAssignment();
        var kept = new List<MotRow>();
        var evaluated = new List<MotRow>();
        long ignoredHypotheses = 0;
        foreach ((List<MotRow> truth, List<MotRow> trackRows) in frames.Values)
        {
            // Drop tracker boxes that match an ignored row, in a matching over all of the frame's ground truth.
            kept.Clear();
            evaluated.Clear();
            bool anyIgnored = false;
            foreach (MotRow t in truth)
            {
                if (IsIgnored(t, options))
                {
                    anyIgnored = true;
                }
                else
                {
                    evaluated.Add(t);
                }
            }

            if (anyIgnored && trackRows.Count > 0)
            {
                var rowToCol = new int[truth.Count];
                var colToRow = new int[trackRows.Count];
                solver.ClearEdges();
                for (int i = 0; i < truth.Count; i++)
                {
                    for (int j = 0; j < trackRows.Count; j++)
                    {
                        if (Distance(truth[i], trackRows[j], options) is { } d)
                        {
                            solver.AddEdge(i, j, (float)d);
                        }
                    }
                }

                solver.SolveEdges(truth.Count, trackRows.Count, double.PositiveInfinity, rowToCol, colToRow);
                for (int j = 0; j < trackRows.Count; j++)
                {
                    if (colToRow[j] >= 0 && IsIgnored(truth[colToRow[j]], options))
                    {
                        ignoredHypotheses++;
                    }
                    else
                    {
                        kept.Add(trackRows[j]);
                    }
                }
            }
            else
            {
                kept.AddRange(trackRows);
            }

            var objectIds = new long[evaluated.Count];
            var hypothesisIds = new long[kept.Count];
            var distances = new double[evaluated.Count * kept.Count];
            for (int i = 0; i < evaluated.Count; i++)
            {
                objectIds[i] = evaluated[i].Id;
                for (int j = 0; j < kept.Count; j++)
                {
                    distances[(i * kept.Count) + j] = Distance(evaluated[i], kept[j], options) ?? double.NaN;
                }
            }

            for (int j = 0; j < kept.Count; j++)
            {
                hypothesisIds[j] = kept[j].Id;
            }

            accumulator.Update(objectIds, hypothesisIds, distances);
        }

        accumulator.IgnoredHypotheses = ignoredHypotheses;
        return accumulator.Compute();
    }

    /// <summary>
    /// Evaluates each ground-truth class on its own: its rows against the tracker rows of the same class (or of no
    /// class), keyed by the MOTChallenge class.
    /// </summary>
    public static SortedDictionary<int, MotMetrics> EvaluateByClass(IReadOnlyCollection<MotRow> groundTruth, IReadOnlyCollection<MotRow> tracks, MotEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(tracks);
        var classes = new SortedSet<int>();
        foreach (MotRow row in groundTruth)
        {
            classes.Add(row.Class);
        }

        var result = new SortedDictionary<int, MotMetrics>();
        foreach (int c in classes)
        {
            var truth = new List<MotRow>();
            foreach (MotRow row in groundTruth)
            {
                if (row.Class == c)
                {
                    truth.Add(row);
                }
            }

            var trackRows = new List<MotRow>();
            foreach (MotRow row in tracks)
            {
                if (row.Class == c || row.Class < 0)
                {
                    trackRows.Add(row);
                }
            }

            result.Add(c, Evaluate(truth, trackRows, options));
        }

        return result;
    }

    /// <summary>True for a ground-truth row that is neither counted nor punished.</summary>
    public static bool IsIgnored(MotRow truth, MotEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return truth.Confidence == 0 || (truth.Visibility >= 0 && truth.Visibility < options.MinVisibility);
    }

    /// <summary>1 - IoU when the pair may match (same class or unknown, IoU at least the threshold); else null.</summary>
    private static double? Distance(MotRow truth, MotRow track, MotEvaluationOptions options)
    {
        if (options.ClassAware && truth.Class >= 0 && track.Class >= 0 && truth.Class != track.Class)
        {
            return null;
        }

        double iou = truth.Box.IntersectionOverUnion(track.Box);
        return iou >= options.MinIou - 1e-9 ? 1 - iou : null;
    }

    private static (List<MotRow> Truth, List<MotRow> Tracks) FrameOf(SortedDictionary<int, (List<MotRow>, List<MotRow>)> frames, int frame)
    {
        if (!frames.TryGetValue(frame, out (List<MotRow>, List<MotRow>) lists))
        {
            lists = ([], []);
            frames.Add(frame, lists);
        }

        return lists;
    }
}
